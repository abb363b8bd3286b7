import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { Public } from '@vangnet/auth';
import { CommonErrorCode, DomainError, IsMunicipalityCode, parseOrg, Role } from '@vangnet/contracts';
import { ArrayMaxSize, IsArray, IsEnum, IsString, Length, registerDecorator } from 'class-validator';
import type { Request, Response } from 'express';
import { PartnersService } from '../partners/partners.service';
import { SecretAnswerGuard } from '../shared/secret-answer.guard';
import { PARTNER_SCOPES } from '../partners/partners.rules';
import { clientCredentialsOf, grantedScopes, oauthError, partnerClaims } from './client-credentials';
import { DEV_TOKEN_SECONDS, DevIdpService, openIdConfiguration } from './dev-idp.service';

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
  scope?: string;
}

export function disabled(): DomainError {
  return DomainError.notFound(CommonErrorCode.NOT_FOUND, 'the development identity provider is off (VANGNET_DEV_IDP=true turns it on)');
}

@Controller()
@Public()
export class DevIdpController {
  constructor(
    private readonly idp: DevIdpService,
    private readonly partners: PartnersService,
  ) {}

  /** The development issuer's public signing keys (JWKS). Also served at /.well-known/jwks.json, outside the prefix (see main.ts). */
  @Get('.well-known/jwks.json')
  jwks() {
    if (!this.idp.enabled()) throw disabled();
    return this.idp.jwks();
  }

  /** A signed token with the roles and municipalities asked for. Development and test only: 404 unless the development identity provider is on. */
  @Post('v1/dev/token')
  @HttpCode(200)
  @UseGuards(SecretAnswerGuard)
  async token(@Body() body: DevTokenRequest): Promise<DevTokenResponse> {
    if (!this.idp.enabled()) throw disabled();
    return { access_token: await this.idp.issue(body), token_type: 'Bearer', expires_in: DEV_TOKEN_SECONDS };
  }

  /** The development issuer's OIDC discovery document. Also served at /.well-known/openid-configuration, outside the prefix. */
  @Get('.well-known/openid-configuration')
  discovery() {
    if (!this.idp.enabled()) throw disabled();
    return openIdConfiguration(this.idp.issuer(), Object.keys(PARTNER_SCOPES));
  }

  /**
   * A partner's access token by OAuth2 client credentials (RFC 6749 §4.4). For a registered, active
   * partner's client: form- or JSON-encoded, the client by HTTP Basic or in the form. Errors are problem+json that also carry
   * `error` and `error_description`.
   */
  @Post('oauth/token')
  @HttpCode(200)
  @UseGuards(SecretAnswerGuard)
  async clientCredentials(@Req() req: Request, @Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<DevTokenResponse> {
    if (!this.idp.enabled()) throw disabled();
    res.setHeader('Cache-Control', 'no-store');
    const body: Record<string, unknown> = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
    if (body.grant_type !== 'client_credentials') {
      throw oauthError(body.grant_type === undefined ? 'invalid_request' : 'unsupported_grant_type', 'grant_type must be client_credentials', 400, 'grant_type');
    }
    // (A 401's WWW-Authenticate is the platform's problem filter's: Bearer, as on every route.)
    const credentials = clientCredentialsOf(authorization, body);
    const partner = await this.partners.authenticate(credentials.clientId, credentials.clientSecret);
    if (!partner) {
      throw oauthError('invalid_client', 'the client is unknown, revoked, of an inactive partner, or its secret is wrong', 401);
    }
    const scopes = grantedScopes(partner, body.scope);
    const claims = partnerClaims(partner, scopes);
    const scope = scopes.join(' ');
    const token = await this.idp.issue({ sub: credentials.clientId, org: partner.org, ...claims, clientId: credentials.clientId, scope });
    return { access_token: token, token_type: 'Bearer', expires_in: DEV_TOKEN_SECONDS, scope };
  }
}
