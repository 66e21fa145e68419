import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { isPrivilegedRole } from "~/domain/two-factor";
import type { Role } from "~/domain/vocabulary";
import { isEnrolled, unusedRecoveryCodeCount } from "~/models/two-factor.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { passwordSignInAllowed } from "~/utils/oidc.server";

// The signed-in person's own account: password and two-step sign-in. Every role has one.

const ROLE_NAMES: Record<Role, string> = {
  EMPLOYEE: "Employee",
  MANAGER: "Manager",
  HR: "HR",
  LEADERSHIP: "Leadership",
  ADMIN: "Administrator",
};

export const meta: MetaFunction = () => [{ title: "Your account · Incident portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const enrolled = await isEnrolled(db, user.id);
  return {
    name: user.name,
    email: user.email,
    role: ROLE_NAMES[user.role],
    enrolled,
    recoveryCodesLeft: enrolled ? await unusedRecoveryCodeCount(db, user.id) : 0,
    required: getEnv().TWO_FACTOR_REQUIRED === "true" && isPrivilegedRole(user.role),
    canUsePassword: passwordSignInAllowed(user.email),
  };
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">Your account</h1>
      {params.get("changed") === "password" ? (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          Your password was changed. You were signed out everywhere else.
        </p>
      ) : null}
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">Name</dt>
        <dd>{d.name}</dd>
        <dt className="text-slate-600">Work email</dt>
        <dd className="break-all">{d.email}</dd>
        <dt className="text-slate-600">Role</dt>
        <dd>{d.role}</dd>
      </dl>

      {d.canUsePassword ? (
        <section className="mt-8" aria-labelledby="password-heading">
          <h2 id="password-heading" className="text-lg font-semibold">
            Password
          </h2>
          <p className="mt-1 text-slate-700">Changing it signs you out on every other device.</p>
          <p className="mt-3">
            <Link to="/account/password" className="text-brand-700 underline">
              Change your password
            </Link>
          </p>
        </section>
      ) : null}

      <section className="mt-8" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          Two-step sign-in
        </h2>
        {d.enrolled ? (
          <p className="mt-1 text-slate-700">
            On. Signing in with your password also asks for a code from your authenticator app. You
            have {d.recoveryCodesLeft} unused recovery code
            {d.recoveryCodesLeft === 1 ? "" : "s"}.
          </p>
        ) : (
          <p className="mt-1 text-slate-700">
            Off.{" "}
            {d.required
              ? "Your role needs it: you will be asked to set it up when you next sign in with your password."
              : "You can turn it on for extra safety."}
          </p>
        )}
        <p className="mt-3">
          <Link to="/account/two-factor" className="text-brand-700 underline">
            {d.enrolled ? "Make new recovery codes" : "Set up two-step sign-in"}
          </Link>
        </p>
      </section>
    </div>
  );
}
