import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ImpactGraphRelation,
  ImpactGraphRole,
} from '@internal/plugin-release-coordination-common';
import { memo } from 'react';
import { GraphLayout, GraphView, ViewNode } from './graphModel';

/** Colours of the nodes by role. */
export const ROLE_COLORS: Record<ImpactGraphRole, string> = {
  changed: '#d32f2f',
  dependent: '#f57c00',
  consumer: '#7b1fa2',
  context: '#757575',
};

/** Colours of the edges by relation. */
export const RELATION_COLORS: Record<ImpactGraphRelation, string> = {
  dependsOn: '#1976d2',
  consumesApi: '#7b1fa2',
  providesApi: '#388e3c',
  partOf: '#9e9e9e',
  ownedBy: '#bcaaa4',
};

const ROLE_LABELS: Record<ImpactGraphRole, string> = {
  changed: 'changed',
  dependent: 'dependent',
  consumer: 'API consumer',
  context: 'context',
};

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 5,
    marginRight: 4,
  },
}));

/** The size of the graph's text, in px. */
export const LABEL_FONT_SIZE = 12;
/** Where a label starts, right of its node's centre. */
const LABEL_X = 11;
/** What a label leaves free before the next column: its node (r 8) and a gap. */
const LABEL_END_GAP = 12;

/**
 * The width of a character in em, by class, rounded up from the widest of
 * Helvetica and Roboto: jsdom and server rendering cannot measure text, and
 * measuring hundreds of labels in the browser would cost a layout.
 */
function charEms(char: string): number {
  if (/[\s.,:;'|!()[\]/\-fijlrtI]/.test(char)) return 0.36;
  if (/[mwMW@%&]/.test(char)) return 0.95;
  if (/[A-Z]/.test(char)) return 0.78;
  // Other ASCII; anything else (an ellipsis, CJK) as a whole em.
  return char.charCodeAt(0) < 128 ? 0.6 : 1;
}

/**
 * A label that fits in a column `columnWidth` wide: the whole text, or its
 * start and an ellipsis when it would reach the next column.
 */
function fitLabel(text: string, columnWidth: number): string {
  const room = (columnWidth - LABEL_X - LABEL_END_GAP) / LABEL_FONT_SIZE;
  const chars = [...text];
  const widths = chars.map(charEms);
  if (widths.reduce((sum, w) => sum + w, 0) <= room) return text;
  let used = charEms('…');
  let end = 0;
  while (end < chars.length && used + widths[end] <= room) {
    used += widths[end];
    end += 1;
  }
  return `${chars.slice(0, end).join('')}…`;
}

/** A node's label, with its count when it is a collapsed system. */
export function nodeText(node: ViewNode): string {
  return node.count !== undefined
    ? `${node.label} (${node.count})`
    : node.label;
}

function Drawing(props: {
  view: GraphView;
  layout: GraphLayout;
  className: string;
}) {
  const { view, layout, className } = props;
  const { positions } = layout;
  return (
    <g className={className}>
      <g>
        {view.edges.map(edge => {
          const a = positions.get(edge.from)!;
          const b = positions.get(edge.to)!;
          return (
            <line
              key={edge.id}
              data-edge={edge.id}
              data-relation={edge.relation}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              stroke={RELATION_COLORS[edge.relation]}
              strokeOpacity={0.6}
            />
          );
        })}
      </g>
      <g>
        {view.nodes.map(node => {
          const p = positions.get(node.id)!;
          const text = nodeText(node);
          return (
            <g
              key={node.id}
              data-node={node.id}
              data-role={node.role}
              role="link"
              tabIndex={0}
              aria-label={`${text}, ${node.kind}, ${
                ROLE_LABELS[node.role]
              }, depth ${node.depth}`}
              transform={`translate(${p.x},${p.y})`}
            >
              <title>{`${text}\n${node.entityRef ?? node.id}`}</title>
              <circle
                r={node.count !== undefined ? 8 : 6}
                fill={ROLE_COLORS[node.role]}
              />
              <text x={LABEL_X} y={4}>
                {fitLabel(text, layout.columnWidth)}
              </text>
            </g>
          );
        })}
      </g>
    </g>
  );
}

/**
 * Every edge and node of the graph as SVG. It does not depend on the hovered
 * node, so hovering re-renders the small {@link PathHighlight} only.
 */
export const GraphDrawing = memo(Drawing);

/** A path of node ids drawn in bold over the graph. */
export function PathHighlight(props: {
  path: string[];
  nodesById: Map<string, ViewNode>;
  layout: GraphLayout;
  className: string;
}) {
  const { path, nodesById, className } = props;
  const { positions } = props.layout;
  return (
    <g className={className} data-testid="impact-graph-highlight">
      {path.slice(1).map((to, index) => {
        const a = positions.get(path[index])!;
        const b = positions.get(to)!;
        return (
          <line
            key={to}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            stroke="#000"
            strokeWidth={2.5}
          />
        );
      })}
      {path.map(nodeId => {
        const node = nodesById.get(nodeId)!;
        const p = positions.get(nodeId)!;
        return (
          <g key={nodeId} transform={`translate(${p.x},${p.y})`}>
            <circle r={8} fill={ROLE_COLORS[node.role]} stroke="#000" />
            <text x={LABEL_X} y={4} fontWeight="bold">
              {fitLabel(nodeText(node), props.layout.columnWidth)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** What the colours of the nodes mean. */
export function GraphLegend() {
  const classes = useStyles();
  return (
    <div className={classes.legend}>
      {(Object.keys(ROLE_COLORS) as ImpactGraphRole[]).map(role => (
        <Typography key={role} variant="caption">
          <span
            className={classes.swatch}
            style={{ background: ROLE_COLORS[role] }}
          />
          {ROLE_LABELS[role]}
        </Typography>
      ))}
    </div>
  );
}
