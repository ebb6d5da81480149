import { apiRoute } from "@/lib/http";
import { deleteMappingRoute, listMappingsRoute, saveMappingRoute } from "@/lib/mappings/routes";

export const dynamic = "force-dynamic";

/** `GET ?object=Account` → `{ mappings, canManage }`; `POST { object, name, mapping }` (admin+); `DELETE ?id=` (admin+). */
export const GET = apiRoute(async (request) => listMappingsRoute(request));
export const POST = apiRoute(async (request) => saveMappingRoute(request));
export const DELETE = apiRoute(async (request) => deleteMappingRoute(request));
