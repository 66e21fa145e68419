import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import { SEVERITY_LABELS, type Severity } from "~/domain/vocabulary";
import { ClientOnly } from "./client-only";

const SEVERITY_COLOURS: Record<Severity, string> = {
  LOW: "#64748b",
  MEDIUM: "#ca8a04",
  HIGH: "#c2410c",
  CRITICAL: "#b91c1c",
};

export function IncidentsPerMonthChart({ data }: { data: { month: string; incidents: number }[] }) {
  const width = 560;
  const height = 260;
  return (
    <ClientOnly width={width} height={height}>
      {() => (
        <div className="overflow-x-auto" aria-hidden="true">
          <BarChart
            width={width}
            height={height}
            data={data}
            margin={{ top: 8, right: 8, left: 0, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="incidents" name="Incidents" fill="#1f6f68" isAnimationActive={false} />
          </BarChart>
        </div>
      )}
    </ClientOnly>
  );
}

export function SeverityMixChart({ data }: { data: { severity: Severity; incidents: number }[] }) {
  const width = 320;
  const height = 260;
  const rows = data.map((d) => ({ ...d, label: SEVERITY_LABELS[d.severity] }));
  return (
    <ClientOnly width={width} height={height}>
      {() => (
        <div className="overflow-x-auto" aria-hidden="true">
          <BarChart
            width={width}
            height={height}
            data={rows}
            margin={{ top: 8, right: 8, left: 0, bottom: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="incidents" name="Incidents" isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.severity} fill={SEVERITY_COLOURS[r.severity]} />
              ))}
            </Bar>
          </BarChart>
        </div>
      )}
    </ClientOnly>
  );
}
