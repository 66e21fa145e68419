// Every action reads its form through here. Browsers send forms as urlencoded or multipart;
// anything else (JSON, text/plain, no Content-Type) or a body that does not parse is answered
// with a clear 4xx page instead of the exception request.formData() would throw (a 500).

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export function formRefused(status: 400 | 413 | 415, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** The media type of the request's body, lower case, without parameters ("" when none). */
export function bodyType(request: Request): string {
  return (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
}

/** The submitted form, or a thrown 415/400 Response when the body is not a readable form. */
export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.has(bodyType(request))) {
    throw formRefused(
      415,
      "This was not sent as a form, so it could not be read. Please go back and send the form again.",
    );
  }
  try {
    return await request.formData();
  } catch {
    throw formRefused(
      400,
      "This form arrived incomplete or damaged and could not be read. Please go back and send it again.",
    );
  }
}
