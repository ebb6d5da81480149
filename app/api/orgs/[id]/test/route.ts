import { apiRoute } from "@/lib/http";
import { testConnectionRoute } from "@/lib/orgs/routes";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async (request, { params }) => testConnectionRoute(request, (await params).id));
