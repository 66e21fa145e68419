import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ReactNode } from "react";
import type { MonthBySeverity } from "~/domain/account-scoring";
import { SEVERITIES, type Severity } from "~/domain/vocabulary";
import { INTL_LOCALES, asLanguage } from "~/i18n/config";
import { useI18n } from "~/i18n/react";
import { vocabLabel } from "~/i18n/vocabulary";
import { ClientOnly } from "./client-only";

// Tooltip rows take their series' colour by default; some (light yellow, orange) fail contrast
// on the white tooltip, so the text stays dark and the colour shows in the bars.
const TOOLTIP_ITEM_STYLE = { color: "#0f172a" };

/** Where a decision's name sits on its line: above the bars. */
const DECISION_MARK = { position: "top", fontSize: 11, fill: "#14473f" } as const;

const SEVERITY_COLOURS: Record<Severity, string> = {
  LOW: "#64748b",
  MEDIUM: "#ca8a04",
  HIGH: "#c2410c",
  CRITICAL: "#b91c1c",
};

/**
 * The frame every bar chart here shares: drawn only in the browser and hidden from screen
 * readers, with a grid, a label axis, a whole-number axis and a tooltip. The chart's bars,
 * legend and lines come as children.
 */
function BarFrame({
  width,
  height,
  rows,
  top = 8,
  smallTicks = false,
  children,
}: {
  width: number;
  height: number;
  rows: { label: string }[];
  top?: number;
  smallTicks?: boolean;
  children: ReactNode;
}) {
  return (
    <ClientOnly width={width} height={height}>
      {() => (
        <div className="overflow-x-auto" aria-hidden="true">
          <BarChart
            width={width}
            height={height}
            data={rows}
            margin={{ top, right: 8, left: 0, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" {...(smallTicks ? { tick: { fontSize: 11 } } : {})} />
            <YAxis allowDecimals={false} />
            <Tooltip itemStyle={TOOLTIP_ITEM_STYLE} />
            {children}
          </BarChart>
        </div>
      )}
    </ClientOnly>
  );
}

export function IncidentsPerMonthChart({ data }: { data: { month: string; incidents: number }[] }) {
  const { t, language } = useI18n();
  const rows = data.map((d) => ({ ...d, label: monthLabel(d.month, language) }));
  return (
    <BarFrame width={560} height={260} rows={rows} smallTicks>
      <Bar
        dataKey="incidents"
        name={t("charts.incidents")}
        fill="#1f6f68"
        isAnimationActive={false}
      />
    </BarFrame>
  );
}

export function SeverityMixChart({ data }: { data: { severity: Severity; incidents: number }[] }) {
  const { t } = useI18n();
  const rows = data.map((d) => ({ ...d, label: vocabLabel(t, "severity", d.severity) }));
  return (
    <BarFrame width={320} height={260} rows={rows}>
      <Bar dataKey="incidents" name={t("charts.incidents")} isAnimationActive={false}>
        {rows.map((r) => (
          <Cell key={r.severity} fill={SEVERITY_COLOURS[r.severity]} />
        ))}
      </Bar>
    </BarFrame>
  );
}

/** A month key ("2026-03") as the language writes it: "Mar 26", "26年3月", "mar 26". */
export function monthLabel(key: string, language: string, style: "short" | "long" = "short") {
  const date = new Date(`${key}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return key;
  return new Intl.DateTimeFormat(INTL_LOCALES[asLanguage(language)], {
    month: style,
    year: style === "short" ? "2-digit" : "numeric",
    timeZone: "UTC",
  }).format(date);
}

/**
 * One account's incidents per month, stacked by severity, with a line at each month in which
 * a decision on the account was recorded: does the behaviour change after one?
 */
export function AccountHistoryChart({
  data,
  decisions,
}: {
  data: MonthBySeverity[];
  decisions: { month: string; label: string }[];
}) {
  const { t, language } = useI18n();
  const rows = data.map((d) => ({ ...d, label: monthLabel(d.month, language) }));
  return (
    <BarFrame width={640} height={260} rows={rows} top={24} smallTicks>
      <Legend />
      {SEVERITIES.map((s) => (
        <Bar
          key={s}
          dataKey={s}
          name={vocabLabel(t, "severity", s)}
          stackId="severity"
          fill={SEVERITY_COLOURS[s]}
          isAnimationActive={false}
        />
      ))}
      {decisions
        .filter((d) => rows.some((r) => r.month === d.month))
        .map((d) => (
          <ReferenceLine
            key={`${d.month}-${d.label}`}
            x={monthLabel(d.month, language)}
            stroke="#14473f"
            strokeDasharray="4 2"
            label={{ value: d.label, ...DECISION_MARK }}
          />
        ))}
    </BarFrame>
  );
}
