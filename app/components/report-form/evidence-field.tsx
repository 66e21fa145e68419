import { Field, fileInputClass } from "~/components/ui/field";
import { EVIDENCE_ACCEPT } from "~/domain/evidence";

/** The name the evidence files are posted under, on the report form and on a report's page. */
export const EVIDENCE_FIELD = "evidence";

/** The evidence file picker: several files, of the kinds we accept. */
export function EvidenceField({
  label,
  hint,
  errors,
  onChange,
}: {
  label: string;
  hint: string;
  errors?: string[];
  onChange?: () => void;
}) {
  return (
    <Field id={EVIDENCE_FIELD} label={label} hint={hint} errors={errors}>
      {(ids) => (
        <input
          {...ids}
          type="file"
          name={EVIDENCE_FIELD}
          multiple
          accept={EVIDENCE_ACCEPT}
          onChange={onChange}
          className={fileInputClass}
        />
      )}
    </Field>
  );
}
