/** The encrypted secrets of one org connection, bound to its team and row. */
import { decryptSecret, encryptSecret, needsReencryption, type SecretBinding } from "../crypto";

export interface ConnectionSecrets {
  accessToken?: string;
  refreshToken?: string;
  /** Legacy username + password login only. */
  password?: string;
  securityToken?: string;
  /** A per-connection OAuth client secret, when the connection does not use the instance-wide one. */
  clientSecret?: string;
}

const binding = (teamId: string, connectionId: string): SecretBinding => ({
  purpose: "org-connection.secrets",
  rowId: `${teamId}/${connectionId}`,
});

export function sealSecrets(teamId: string, connectionId: string, secrets: ConnectionSecrets): string {
  return encryptSecret(JSON.stringify(secrets), binding(teamId, connectionId));
}

export function openSecrets(teamId: string, connectionId: string, sealed: string): ConnectionSecrets {
  return JSON.parse(decryptSecret(sealed, binding(teamId, connectionId))) as ConnectionSecrets;
}

export { needsReencryption };

export interface OAuthStatePayload {
  verifier: string;
  clientId: string;
  clientSecret: string;
}

const stateBinding = (stateHash: string): SecretBinding => ({ purpose: "org-oauth-state", rowId: stateHash });

export function sealOAuthState(stateHash: string, payload: OAuthStatePayload): string {
  return encryptSecret(JSON.stringify(payload), stateBinding(stateHash));
}

export function openOAuthState(stateHash: string, sealed: string): OAuthStatePayload {
  return JSON.parse(decryptSecret(sealed, stateBinding(stateHash))) as OAuthStatePayload;
}
