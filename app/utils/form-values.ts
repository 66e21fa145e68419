/** A form's text fields (the last value of each), to give back what was typed when refused. */
export function typedValues(formData: FormData): Record<string, string> {
  return Object.fromEntries(
    [...formData.entries()].flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
}
