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
import { ClientOnly } from "./client-only";

export type AbusePoint = {
  id: string;
  name: string;
  /** ARR in major units (the chart's x axis, log scale). */
  arr: number;
  arrLabel: string;
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

const compact = (n: number) =>
  new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 }).format(n);

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
        value={QUADRANT_LABELS[q]}
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
              name="ARR"
              scale="log"
              domain={[minArr, maxArr]}
              allowDataOverflow
              ticks={[3e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7].filter(
                (t) => t >= minArr && t <= maxArr,
              )}
              tickFormatter={compact}
            >
              <Label value="ARR (log scale, account currency)" position="bottom" offset={16} />
            </XAxis>
            <YAxis type="number" dataKey="score" name="Score" domain={[0, Math.ceil(maxScore)]}>
              <Label
                value="Severity-weighted score"
                angle={-90}
                position="insideLeft"
                offset={-8}
              />
            </YAxis>
            <ZAxis type="number" dataKey="incidents" range={[40, 400]} name="Incidents" />
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
                    <p>ARR {p.arrLabel}</p>
                    <p>
                      {p.incidents} incidents, score {p.score}
                    </p>
                  </div>
                );
              }}
            />
            {byQuadrant.map(({ q, data }) => (
              <Scatter
                key={q}
                name={QUADRANT_LABELS[q]}
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
