import type { FieldMetadata } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { InputField } from "~/components/ui/conform-fields";
import { buttonClass } from "~/components/ui/field";

// The pieces the sign-in and password pages share. The autocomplete words tell password
// managers which field is which, so they fill the right one and offer to save a new password.

/** The work email, as the account's user name. */
export function WorkEmailField<Schema>({ field }: { field: FieldMetadata<Schema> }) {
  const { t } = useTranslation();
  return <InputField field={field} type="email" label={t("login.email")} autoComplete="username" />;
}

/** A password field: the current password, or a new one. */
export function PasswordField<Schema>({
  kind,
  ...props
}: {
  kind: "current" | "new";
  field: FieldMetadata<Schema>;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
}) {
  return <InputField {...props} type="password" autoComplete={`${kind}-password`} />;
}

/** The full-width submit button, resting while the page is busy. */
export function WideSubmitButton({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  return (
    <button
      type="submit"
      className={`${buttonClass} w-full`}
      disabled={navigation.state !== "idle"}
    >
      {children}
    </button>
  );
}
