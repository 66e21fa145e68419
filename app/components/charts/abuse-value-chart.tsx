import {
  CartesianGrid,
  Label,
  ReferenceArea,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { QUADRANT_LABELS, type Quadrant } from "~/domain/account-scoring";
import { accountLabel } from "~/i18n/account-labels";
import { INTL_LOCALES, asLanguage } from "~/i18n/config";
import { useI18n } from "~/i18n/react";
import { ClientOnly } from "./client-only";

export type AbusePoint = {
  id: string;
  name: string;
  /** ARR in major units (the chart's x axis, log scale). */
  arr: number;
  /** The account's currency: the tooltip shows the ARR in it, the language's way. */
  currency: string;
  score: number;
  incidents: number;
  quadrant: Quadrant;
};

export const QUADRANT_COLOURS: Record<Quadrant, string> = {
  HIGH_VALUE_HIGH_ABUSE: "#b91c1c",
  LOW_VALUE_HIGH_ABUSE: "#c2410c",
  HIGH_VALUE_LOW_ABUSE: "#1f6f68",
  LOW_VALUE_LOW_ABUSE: "#64748b",
};

const WIDTH = 900;
const HEIGHT = 440;

/** Axis ticks: 1M, 300K in English; 100万, 30万 in Japanese. */
const compactIn = (language: string) => {
  const format = new Intl.NumberFormat(INTL_LOCALES[asLanguage(language)], {
    notation: "compact",
    maximumFractionDigits: 1,
  });
  return (n: number) => format.format(n);
};

/** One point per account: ARR against severity-weighted score, the quadrants labelled. */
export function AbuseValueChart({
  points,
  arrThreshold,
  scoreThreshold,
  onSelect,
}: {
  points: AbusePoint[];
  arrThreshold: number;
  scoreThreshold: number;
  onSelect?: (id: string) => void;
}) {
  const { t, language, number, money } = useI18n();
  const compact = compactIn(language);
  const plotted = points.filter((p) => p.arr > 0);
  const minArr = Math.min(...plotted.map((p) => p.arr), arrThreshold) / 1.5;
  const maxArr = Math.max(...plotted.map((p) => p.arr), arrThreshold) * 1.5;
  const maxScore = Math.max(...plotted.map((p) => p.score), scoreThreshold * 2, 4) * 1.1;
  const byQuadrant = (Object.keys(QUADRANT_LABELS) as Quadrant[]).map((q) => ({
    q,
    data: plotted.filter((p) => p.quadrant === q),
  }));
  const corner = (q: Quadrant, x1: number, x2: number, y1: number, y2: number, pos: string) => (
    <ReferenceArea
      key={q}
      x1={x1}
      x2={x2}
      y1={y1}
      y2={y2}
      fill={QUADRANT_COLOURS[q]}
      fillOpacity={0.05}
      stroke="none"
      ifOverflow="visible"
    >
      <Label
        value={accountLabel(t, "quadrant", q)}
        position={pos as "insideTopLeft"}
        fill={QUADRANT_COLOURS[q]}
        fontSize={13}
        fontWeight={600}
      />
    </ReferenceArea>
  );
  return (
    <ClientOnly width={WIDTH} height={HEIGHT}>
      {() => (
        <div className="overflow-x-auto" aria-hidden="true">
          <ScatterChart
            width={WIDTH}
            height={HEIGHT}
            margin={{ top: 16, right: 24, bottom: 40, left: 24 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {corner(
              "LOW_VALUE_HIGH_ABUSE",
              minArr,
              arrThreshold,
              scoreThreshold,
              maxScore,
              "insideTopLeft",
            )}
            {corner(
              "HIGH_VALUE_HIGH_ABUSE",
              arrThreshold,
              maxArr,
              scoreThreshold,
              maxScore,
              "insideTopRight",
            )}
            {corner(
              "LOW_VALUE_LOW_ABUSE",
              minArr,
              arrThreshold,
              0,
              scoreThreshold,
              "insideBottomLeft",
            )}
            {corner(
              "HIGH_VALUE_LOW_ABUSE",
              arrThreshold,
              maxArr,
              0,
              scoreThreshold,
              "insideBottomRight",
            )}
            <XAxis
              type="number"
              dataKey="arr"
              name={t("charts.arr")}
              scale="log"
              domain={[minArr, maxArr]}
              allowDataOverflow
              ticks={[3e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7].filter(
                (t) => t >= minArr && t <= maxArr,
              )}
              tickFormatter={compact}
            >
              <Label value={t("charts.arrAxis")} position="bottom" offset={16} />
            </XAxis>
            <YAxis
              type="number"
              dataKey="score"
              name={t("charts.score")}
              domain={[0, Math.ceil(maxScore)]}
            >
              <Label value={t("charts.scoreAxis")} angle={-90} position="insideLeft" offset={-8} />
            </YAxis>
            <ZAxis
              type="number"
              dataKey="incidents"
              range={[40, 400]}
              name={t("charts.incidents")}
            />
            <ReferenceLine x={arrThreshold} stroke="#94a3b8" strokeDasharray="4 4" />
            <ReferenceLine y={scoreThreshold} stroke="#94a3b8" strokeDasharray="4 4" />
            <Tooltip
              cursor={{ strokeDasharray: "3 3" }}
              content={({ payload }) => {
                const p = payload?.[0]?.payload as AbusePoint | undefined;
                if (!p) return null;
                return (
                  <div className="rounded border border-slate-300 bg-white p-2 text-sm shadow">
                    <p className="font-semibold">{p.name}</p>
                    <p>
                      {t("charts.tooltipArr", { arr: money(Math.round(p.arr * 100), p.currency) })}
                    </p>
                    <p>
                      {t("charts.tooltipFigures", {
                        count: p.incidents,
                        incidents: number(p.incidents),
                        score: number(p.score),
                      })}
                    </p>
                  </div>
                );
              }}
            />
            {byQuadrant.map(({ q, data }) => (
              <Scatter
                key={q}
                name={accountLabel(t, "quadrant", q)}
                data={data}
                fill={QUADRANT_COLOURS[q]}
                fillOpacity={0.75}
                isAnimationActive={false}
                onClick={(d: { payload?: AbusePoint }) => d.payload && onSelect?.(d.payload.id)}
                cursor={onSelect ? "pointer" : undefined}
              />
            ))}
          </ScatterChart>
        </div>
      )}
    </ClientOnly>
  );
}
