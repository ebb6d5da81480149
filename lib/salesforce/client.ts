/**
 * The typed client the app's job runner uses: one Connection (session, refresh, limits) and the API families
 * on top of it. Construct it with a stored session plus a refresh path, or log in through one of the helpers.
 */
import { clientCredentialsGrant, jwtBearerGrant, passwordGrant, type OAuthClientConfig, type TokenResponse } from "./auth/oauth";
import { BulkV1Api } from "./bulk-v1/api";
import { BulkV2Api } from "./bulk-v2/api";
import { Connection, type ConnectionOptions, type Session } from "./connection";
import type { LimitInfo } from "./http/limit-info";
import { RestApi } from "./rest/api";

export class SalesforceClient {
  readonly connection: Connection;
  readonly bulkV1: BulkV1Api;
  readonly bulkV2: BulkV2Api;
  readonly rest: RestApi;

  constructor(options: ConnectionOptions = {}) {
    this.connection = new Connection(options);
    this.bulkV1 = new BulkV1Api(this.connection);
    this.bulkV2 = new BulkV2Api(this.connection);
    this.rest = new RestApi(this.connection);
  }

  get session(): Session | null {
    return this.connection.session;
  }

  get apiVersion(): string {
    return this.connection.apiVersion;
  }

  /** Usage from the most recent `Sforce-Limit-Info` header, e.g. `{ used: 18, max: 15000 }`. */
  get lastLimitInfo(): LimitInfo | null {
    return this.connection.lastLimitInfo;
  }

  /** SOAP login (password + security token); the session renews itself with the same credentials when it expires. */
  loginWithPassword(username: string, password: string, securityToken = "", options: { loginUrl?: string; sandbox?: boolean } = {}): Promise<Session> {
    return this.connection.loginWithPassword(username, password, securityToken, options);
  }

  /** OAuth username-password grant; renews itself by repeating the grant. */
  async loginWithOAuthPassword(oauth: OAuthClientConfig, username: string, passwordWithToken: string): Promise<Session> {
    const grant = () => passwordGrant(this.connection.transport, oauth, username, passwordWithToken);
    return this.adopt(await grant(), grant);
  }

  /** OAuth client-credentials grant (My Domain host); renews itself by repeating the grant. */
  async loginWithClientCredentials(oauth: OAuthClientConfig): Promise<Session> {
    const grant = () => clientCredentialsGrant(this.connection.transport, oauth);
    return this.adopt(await grant(), grant);
  }

  /** OAuth JWT bearer grant; renews itself by signing a new assertion. */
  async loginWithJwt(oauth: OAuthClientConfig, username: string, privateKeyPem: string, audience?: string): Promise<Session> {
    const grant = () => jwtBearerGrant(this.connection.transport, oauth, { username, privateKeyPem, audience });
    return this.adopt(await grant(), grant);
  }

  /** Uses tokens obtained elsewhere (e.g. the web-server flow); `oauth` must be passed to the constructor to refresh. */
  useSession(session: Session): void {
    this.connection.setSession(session);
  }

  private adopt(token: TokenResponse, grant: () => Promise<TokenResponse>): Session {
    const toSession = (value: TokenResponse): Session => ({
      accessToken: value.accessToken,
      instanceUrl: value.instanceUrl,
      refreshToken: value.refreshToken,
      userId: value.userId,
      organizationId: value.organizationId,
    });
    this.connection.setSession(toSession(token), async () => toSession(await grant()));
    return this.connection.session!;
  }
}

