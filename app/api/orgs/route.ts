import { apiRoute } from "@/lib/http";
import { listConnectionsRoute } from "@/lib/orgs/routes";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => listConnectionsRoute());
