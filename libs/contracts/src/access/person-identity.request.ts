import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { AddressDesignation, AddressKind, BirthDatePrecision, NameUse, Sex } from '../codes/message-codes';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsBsn, IsMunicipalityCode } from '../common/identifiers';
import { Nested } from '../common/value-objects';

/**
 * ARCHITECTURE §2 names this request `access.person.identity.get`: four tokens, which the ACCESS
 * stream (`access.*.*.*`, every event) would capture, storing each question and answering it with
 * a JetStream PubAck. Requests have three tokens (`<service>.<noun>.<verb>`), so the noun is
 * `person-identity` (docs/adr/0009-wave-2-contracts.md).
 */
export const PERSON_IDENTITY_GET = 'access.person.identity.get';

/**
 * Why a service asks for a resident's identity; access writes it to the processing log with the
 * legal basis it maps it to (AVG art. 30). Values are only added, one per use.
 */
export enum IdentityPurpose {
  /** The exchange: the client in an iWmo/iJw message to or from a provider (301, and checking 305/307/315/317/323). */
  ISTANDAARD_MESSAGE = 'ISTANDAARD_MESSAGE',
  /** Housing: what a corporation needs for a nomination the resident consented to (name, no care data). */
  HOUSING_NOMINATION = 'HOUSING_NOMINATION',
  /** Housing: a placement with a facility's operator. */
  HOUSING_PLACEMENT = 'HOUSING_PLACEMENT',
}

/**
 * "Who is this person, as this municipality knows them?" Only the exchange and housing services
 * may ask (their NATS users; until those exist, their service identity in the request headers).
 * Every answer writes a processing-log record with `purpose`. A person the municipality does not
 * know is PERSON_NOT_FOUND, whether or not another municipality knows them.
 */
export class PersonIdentityRequest {
  @IsUUID()
  personId!: string;

  /** The municipality whose record is asked (the responsible municipality of the message or entry). */
  @IsMunicipalityCode()
  municipality!: string;

  @IsEnum(IdentityPurpose)
  purpose!: IdentityPurpose;
}

/** A family name with its prefix (voorvoegsel), as iWmo CDT_Achternaam. */
export class FamilyName {
  @IsString()
  @Length(1, 200)
  @Matches(/\S/)
  name!: string;

  /** "van", "de", "van der": iWmo LDT_Voorvoegsel, at most 10 characters. */
  @IsOptional()
  @IsString()
  @Length(1, 10)
  prefix?: string;
}

/** A person's name in the shape of iWmo CDT_VolledigeNaam. */
export class PersonName {
  /** Geslachtsnaam. */
  @Nested(() => FamilyName)
  familyName!: FamilyName;

  /** Partnernaam, when the name in use includes the partner's. */
  @IsOptional()
  @Nested(() => FamilyName)
  partnerName?: FamilyName;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  givenNames?: string;

  /** Letters only, at most 6 (iWmo LDT_Voorletters), without dots. */
  @IsOptional()
  @Matches(/^\p{L}{1,6}$/u)
  initials?: string;

  /** NaamGebruik; iWmo requires one, so OWN when absent. */
  @IsOptional()
  @IsEnum(NameUse)
  nameUse?: NameUse;
}

/**
 * An address in the shape of iWmo CDT_Adres with its kind (Contact/Soort). Every part is optional
 * as in the standard (a caravan has no house number; an address abroad no postcode).
 */
export class PersonAddress {
  @IsEnum(AddressKind)
  kind!: AddressKind;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  street?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99_999)
  houseNumber?: number;

  @IsOptional()
  @Matches(/^\S$/)
  houseLetter?: string;

  @IsOptional()
  @IsString()
  @Length(1, 4)
  houseNumberAddition?: string;

  @IsOptional()
  @IsEnum(AddressDesignation)
  designation?: AddressDesignation;

  /** A Dutch postcode `1234AB`, or up to 8 characters abroad. */
  @IsOptional()
  @Matches(/^[0-9A-Z][0-9A-Z -]{0,7}$/)
  postcode?: string;

  @IsOptional()
  @IsString()
  @Length(1, 80)
  city?: string;

  /** ISO 3166-1 alpha-2 (iWmo COD032 LandCode); NL when absent. */
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  countryCode?: string;
}

/**
 * The answer: the identity as the municipality's record holds it. `birthDate` is absent when not
 * known at all (the exchange then writes DatumGebruik 3); a partial date gives the known part with
 * `birthDatePrecision`. `address` is absent for a resident without one (homeless, no BRP address).
 */
export class PersonIdentityReply {
  @IsBsn()
  bsn!: string;

  @IsOptional()
  @IsIsoDate()
  birthDate?: IsoDate;

  /** FULL when absent. */
  @IsOptional()
  @IsEnum(BirthDatePrecision)
  birthDatePrecision?: BirthDatePrecision;

  @IsEnum(Sex)
  sex!: Sex;

  @Nested(() => PersonName)
  name!: PersonName;

  @IsOptional()
  @Nested(() => PersonAddress)
  address?: PersonAddress;

  /** A person with a safety flag is never sent in outbound partner messages (ARCHITECTURE §6). */
  @IsBoolean()
  safetyFlag!: boolean;
}
