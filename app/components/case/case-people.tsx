import { useI18n } from "~/i18n/react";
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
  const { t, dateTime } = useI18n();
  return (
    <Section id="people-heading" title={t("case.people.title")}>
      <div>
        <h3 className="font-medium">{t("case.people.customer")}</h3>
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
          <p className="text-slate-600">{t("case.people.noContact")}</p>
        )}
      </div>
      <div>
        <h3 className="font-medium">{t("case.people.colleagues")}</h3>
        <p className="text-sm text-slate-600">{t("case.people.colleaguesHint")}</p>
        {named.length ? (
          <ul className="list-inside list-disc">
            {named.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-600">{t("case.people.noneNamed")}</p>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="font-medium">{t("case.people.witnesses")}</h3>
        {witnesses.length === 0 ? (
          <p className="text-slate-600">{t("case.people.noWitness")}</p>
        ) : null}
        <ul className="space-y-3">
          {witnesses.map((w) => (
            <li key={w.id} className="border-b border-slate-100 pb-2 last:border-0">
              <p>{w.name}</p>
              {w.request?.submittedAt ? (
                <figure className="mt-1 rounded-md bg-slate-50 p-2">
                  <figcaption className="text-sm text-slate-600">
                    {t("case.people.statementGiven", { date: dateTime(w.request.submittedAt) })}
                  </figcaption>
                  <blockquote className="whitespace-pre-wrap">{w.request.statement}</blockquote>
                </figure>
              ) : w.request ? (
                <p className="text-sm text-slate-600">
                  {t("case.people.statementAsked", { date: dateTime(w.request.requestedAt) })}
                </p>
              ) : open && w.active ? (
                <CaseForm
                  intent="witness-request"
                  fetcherKey={`${reference}:witness:${w.id}`}
                  hidden={{ witnessId: w.id }}
                  submitLabel={t("case.people.askStatement", { name: w.name })}
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
