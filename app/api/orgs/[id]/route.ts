import { apiRoute } from "@/lib/http";
import { deleteConnectionRoute, getConnectionRoute } from "@/lib/orgs/routes";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async (_request, { params }) => getConnectionRoute((await params).id));

export const DELETE = apiRoute<{ id: string }>(async (request, { params }) => deleteConnectionRoute(request, (await params).id));
