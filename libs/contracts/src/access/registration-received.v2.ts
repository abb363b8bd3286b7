import { IsEnum, IsOptional } from 'class-validator';
import { Law } from '../codes/product-category';
import { IsIsoDate, IsoDate } from '../common/dates';
import { RegistrationReceivedFields } from './case-events';

export const REGISTRATION_RECEIVED_V2 = 'access.registration.received.v2';

/**
 * A registration (melding), with its law. The 6-week investigation term applies to Wmo
 * registrations only (Wmo 2015 art. 2.3.2): `investigationDue` is set for WMO and absent for
 * JEUGDWET (a Jeugdwet case's 8-week decision term runs from the application, Awb 4:13).
 * v1 goes on for Wmo cases while a consumer needs it; access publishes v2 for every registration.
 */
export class RegistrationReceivedV2 extends RegistrationReceivedFields {
  @IsEnum(Law)
  law!: Law;

  @IsOptional()
  @IsIsoDate()
  investigationDue?: IsoDate;
}
