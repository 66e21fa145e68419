import { useNavigation } from "@remix-run/react";

/** Whether the page is sending the form with this intent, so its button can say it is busy. */
export function useSubmitting(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}
