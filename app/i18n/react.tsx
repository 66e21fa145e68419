import { useTranslation } from "react-i18next";
import {
  formatDate,
  formatDateTime,
  formatFileSize,
  formatMoney,
  formatNumber,
} from "~/utils/format";
import { translateMessage } from "./messages";

/** The page's translate function and formatters bound to the page's language. */
export function useI18n() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return {
    t,
    language,
    /** A validation or server message: translated when we know it, else as it came. */
    message: (text: string) => translateMessage(t, text, language),
    dateTime: (iso: string | Date) => formatDateTime(iso, undefined, language),
    date: (iso: string | Date) => formatDate(iso, undefined, language),
    number: (n: number) => formatNumber(n, language),
    money: (minor: number | bigint, currency: string) => formatMoney(minor, currency, language),
    fileSize: (bytes: number) => formatFileSize(bytes, language),
  };
}
