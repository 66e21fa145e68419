import { openApiDocument } from "~/domain/openapi";
import { json } from "~/utils/api.server";
import { getEnv } from "~/utils/env.server";

// GET /api/v1/openapi.json — public: it describes the API, it grants nothing.
export function loader() {
  return json(openApiDocument(new URL(getEnv().APP_URL).origin));
}
