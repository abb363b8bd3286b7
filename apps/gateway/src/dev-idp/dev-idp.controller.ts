import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Public } from '@vangnet/auth';
import { CommonErrorCode, DomainError, IsMunicipalityCode, parseOrg, Role } from '@vangnet/contracts';
import { ArrayMaxSize, IsArray, IsEnum, IsString, Length, registerDecorator } from 'class-validator';
import { DEV_TOKEN_SECONDS, DevIdpService } from './dev-idp.service';

function IsOrgClaim(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isOrgClaim',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be GMxxxx, AGB:<8 digits>, CORP:<KvK> or ORG:<KvK>' },
      validator: { validate: (v: unknown) => typeof v === 'string' && parseOrg(v) !== undefined },
    });
}

export class DevTokenRequest {
  @IsString()
  @Length(1, 128)
  sub!: string;

  @IsOrgClaim()
  org!: string;

  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(Role, { each: true })
  roles!: Role[];

  @IsArray()
  @ArrayMaxSize(50)
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];
}

export interface DevTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export function disabled(): DomainError {
  return DomainError.notFound(CommonErrorCode.NOT_FOUND, 'the development identity provider is off (VANGNET_DEV_IDP=true turns it on)');
}

@Controller()
@Public()
export class DevIdpController {
  constructor(private readonly idp: DevIdpService) {}

  /** Also served at /.well-known/jwks.json, outside the prefix (see main.ts). */
  @Get('.well-known/jwks.json')
  jwks() {
    if (!this.idp.enabled()) throw disabled();
    return this.idp.jwks();
  }

  @Post('v1/dev/token')
  @HttpCode(200)
  async token(@Body() body: DevTokenRequest): Promise<DevTokenResponse> {
    if (!this.idp.enabled()) throw disabled();
    return { access_token: await this.idp.issue(body), token_type: 'Bearer', expires_in: DEV_TOKEN_SECONDS };
  }
}
