/** Identity URL `/id/{orgId}/{userId}` and OpenID Connect `/services/oauth2/userinfo`. */
import type { EmulatorContext } from "../../http/context";
import type { EmulatorRequest, EmulatorResponse } from "../../http/types";
import type { UserInfo } from "../../org";
import { bearerToken } from "../auth/authenticate";
import { findSession } from "../auth/sessions";
import { jsonDate } from "../common/format";

function badToken(): EmulatorResponse {
  return { status: 403, headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: "Bad_OAuth_Token" };
}

async function sessionUser(ctx: EmulatorContext, req: EmulatorRequest): Promise<UserInfo | null> {
  const token = bearerToken(req) ?? req.query.get("oauth_token") ?? undefined;
  const session = token ? await findSession(ctx, token) : null;
  return session ? ((await ctx.store.getUser(session.userId)) ?? null) : null;
}

function urls(origin: string, user: UserInfo): Record<string, string> {
  const org15 = user.orgId.slice(0, 15);
  const data = `${origin}/services/data/v{version}`;
  return {
    enterprise: `${origin}/services/Soap/c/{version}/${org15}`,
    metadata: `${origin}/services/Soap/m/{version}/${org15}`,
    partner: `${origin}/services/Soap/u/{version}/${org15}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${origin}/services/Soap/T/{version}/${org15}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${origin}/${user.id}`,
  };
}

function identityBody(origin: string, user: UserInfo): Record<string, unknown> {
  return {
    id: `${origin}/id/${user.orgId}/${user.id}`,
    asserted_user: true,
    user_id: user.id,
    organization_id: user.orgId,
    username: user.username,
    nick_name: user.alias,
    display_name: user.name,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: user.timeZone,
    photos: { picture: `${origin}/profilephoto/005/F`, thumbnail: `${origin}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: "US",
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(origin, user),
    active: user.isActive,
    user_type: "STANDARD",
    language: user.language,
    locale: user.locale,
    utcOffset: -28_800_000,
    last_modified_date: jsonDate(new Date(0)),
    is_app_installed: true,
  };
}

export async function identity(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  const user = await sessionUser(ctx, req);
  const [, orgId, userId] = req.segments;
  if (!user) return badToken();
  if (orgId?.slice(0, 15) !== user.orgId.slice(0, 15) || userId?.slice(0, 15) !== user.id.slice(0, 15)) {
    return { status: 403, headers: { "Content-Type": "text/plain;charset=UTF-8" }, body: "Bad_Id" };
  }
  return { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8" }, body: JSON.stringify(identityBody(req.origin, user)) };
}

export async function userinfo(ctx: EmulatorContext, req: EmulatorRequest): Promise<EmulatorResponse> {
  const user = await sessionUser(ctx, req);
  if (!user) return badToken();
  const body = {
    sub: `${req.origin}/id/${user.orgId}/${user.id}`,
    user_id: user.id,
    organization_id: user.orgId,
    preferred_username: user.username,
    nickname: user.alias,
    name: user.name,
    email: user.email,
    email_verified: true,
    given_name: user.firstName,
    family_name: user.lastName,
    zoneinfo: user.timeZone,
    photos: { picture: `${req.origin}/profilephoto/005/F`, thumbnail: `${req.origin}/profilephoto/005/T` },
    profile: `${req.origin}/${user.id}`,
    picture: `${req.origin}/profilephoto/005/F`,
    address: { country: "US" },
    urls: urls(req.origin, user),
    active: user.isActive,
    user_type: "STANDARD",
    language: user.language,
    locale: user.locale,
    utcOffset: -28_800_000,
    updated_at: jsonDate(new Date(0)),
  };
  return { status: 200, headers: { "Content-Type": "application/json;charset=UTF-8" }, body: JSON.stringify(body) };
}
