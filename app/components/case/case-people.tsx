import { formatDateTime } from "~/utils/format";
import { CaseForm, Section } from "./case-form";

type Witness = {
  id: string;
  name: string;
  active: boolean;
  request: { requestedAt: string; statement: string | null; submittedAt: string | null } | null;
};

/** Who the report names: the customer's people, witnesses (and their statements), colleagues. */
export function CasePeople({
  reference,
  contacts,
  witnesses,
  named,
  open,
}: {
  reference: string;
  contacts: { id: string; name: string; jobTitle: string | null }[];
  witnesses: Witness[];
  named: string[];
  open: boolean;
}) {
  return (
    <Section id="people-heading" title="People in the report">
      <div>
        <h3 className="font-medium">At the customer</h3>
        {contacts.length ? (
          <ul className="list-inside list-disc">
            {contacts.map((c) => (
              <li key={c.id}>
                {c.name}
                {c.jobTitle ? `, ${c.jobTitle}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">No contact named.</p>
        )}
      </div>
      <div>
        <h3 className="font-medium">Colleagues involved</h3>
        <p className="text-sm text-slate-600">
          They cannot see this case and are never asked to act on it.
        </p>
        {named.length ? (
          <ul className="list-inside list-disc">
            {named.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">None named.</p>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">Witnesses</h3>
        {witnesses.length === 0 ? <p className="text-slate-600">No witness named.</p> : null}
        <ul className="space-y-3">
          {witnesses.map((w) => (
            <li key={w.id} className="border-b border-slate-100 pb-2 last:border-0">
              <p>{w.name}</p>
              {w.request?.submittedAt ? (
                <figure className="mt-1 rounded-md bg-slate-50 p-2">
                  <figcaption className="text-sm text-slate-600">
                    Statement given {formatDateTime(w.request.submittedAt)}
                  </figcaption>
                  <blockquote className="whitespace-pre-wrap">{w.request.statement}</blockquote>
                </figure>
              ) : w.request ? (
                <p className="text-sm text-slate-600">
                  Statement asked for {formatDateTime(w.request.requestedAt)}; not given yet.
                </p>
              ) : open && w.active ? (
                <CaseForm
                  intent="witness-request"
                  fetcherKey={`${reference}:witness:${w.id}`}
                  hidden={{ witnessId: w.id }}
                  submitLabel={`Ask ${w.name} for a statement`}
                >
                  {(errors) =>
                    errors?.witnessId ? (
                      <p className="text-sm text-red-700">{errors.witnessId[0]}</p>
                    ) : null
                  }
                </CaseForm>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </Section>
  );
}
