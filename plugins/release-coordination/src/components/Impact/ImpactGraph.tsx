import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Slider from '@material-ui/core/Slider';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  KeyboardEvent,
  MouseEvent,
  SyntheticEvent,
  useCallback,
  useId,
  useMemo,
  useState,
} from 'react';
import { useNavigate } from 'react-router-dom';
import {
  ImpactGraphRelation,
  ImpactReport,
  ImpactGraphRole,
} from '@internal/plugin-release-coordination-common';
import {
  filterGraph,
  GraphFilters,
  IMPACT_RELATIONS,
  layoutGraph,
  parentsTowardsChanged,
  pathToChanged,
  RELATION_LABELS,
  ViewNode,
} from './graphModel';

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
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
  select: { minWidth: 160 },
  slider: { width: 180 },
  scroller: {
    overflow: 'auto',
    maxHeight: 640,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  svg: {
    display: 'block',
    fontFamily: theme.typography.fontFamily,
    fontSize: 11,
    '& [data-node]': { cursor: 'pointer', outline: 'none' },
    '& [data-node]:focus circle': {
      stroke: theme.palette.text.primary,
      strokeWidth: 3,
    },
    '& text': { fill: theme.palette.text.primary },
  },
  dimmed: { '& $base': { opacity: 0.2 } },
  base: { transition: 'opacity 120ms' },
  overlay: { pointerEvents: 'none' },
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

const LABEL_LENGTH = 22;

function shorten(text: string): string {
  return text.length > LABEL_LENGTH
    ? `${text.slice(0, LABEL_LENGTH - 1)}…`
    : text;
}

function nodeText(node: ViewNode): string {
  return node.count !== undefined
    ? `${node.label} (${node.count})`
    : node.label;
}

/** The path of an entity's page, or undefined when the catalog is not mounted. */
function useEntityLink(): ((ref: string) => string) | undefined {
  let route:
    | ((params: { kind: string; namespace: string; name: string }) => string)
    | undefined;
  try {
    // useRouteRef throws after its hooks ran when the route is not mounted.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    route = useRouteRef(entityRouteRef);
  } catch {
    route = undefined;
  }
  return useMemo(() => {
    if (!route) return undefined;
    return (ref: string) => {
      const { kind, namespace, name } = parseEntityRef(ref);
      return route!({
        kind: kind.toLocaleLowerCase('en-US'),
        namespace: namespace.toLocaleLowerCase('en-US'),
        name,
      });
    };
  }, [route]);
}

function nodeIdOf(event: SyntheticEvent): string | undefined {
  const target = event.target as Element | null;
  return (
    target?.closest?.('[data-node]')?.getAttribute('data-node') ?? undefined
  );
}

/** Props of {@link ImpactGraph}. */
export interface ImpactGraphProps {
  graph: ImpactReport['graph'];
  /** Whether systems start collapsed. */
  defaultCollapsed?: boolean;
}

/**
 * The blast radius as a layered graph in one SVG: a column per depth, rows by
 * system and owner, nodes coloured by role and edges by relation. Filters by
 * relation, depth, owner and lifecycle; systems collapse into one node each.
 * Hovering or focusing a node highlights its path back to a changed entity;
 * clicking (or Enter) opens its entity page.
 */
export function ImpactGraph(props: ImpactGraphProps) {
  const { graph } = props;
  const classes = useStyles();
  const navigate = useNavigate();
  const entityLink = useEntityLink();
  const id = useId();

  const deepest = useMemo(
    () => graph.nodes.reduce((max, n) => Math.max(max, n.depth), 1),
    [graph],
  );
  const owners = useMemo(
    () =>
      [...new Set(graph.nodes.flatMap(n => (n.owner ? [n.owner] : [])))].sort(),
    [graph],
  );
  const lifecycles = useMemo(
    () =>
      [
        ...new Set(
          graph.nodes.flatMap(n => (n.lifecycle ? [n.lifecycle] : [])),
        ),
      ].sort(),
    [graph],
  );

  const [filters, setFilters] = useState<GraphFilters>(() => ({
    relations: IMPACT_RELATIONS,
    maxDepth: deepest,
    collapseSystems: Boolean(props.defaultCollapsed),
  }));
  const [hovered, setHovered] = useState<string>();

  const view = useMemo(() => filterGraph(graph, filters), [graph, filters]);
  const layout = useMemo(() => layoutGraph(view), [view]);
  const parents = useMemo(() => parentsTowardsChanged(view), [view]);
  const nodesById = useMemo(
    () => new Map(view.nodes.map(n => [n.id, n])),
    [view],
  );

  // The drawing does not depend on the hovered node: hovering re-renders the
  // small overlay only.
  const base = useMemo(() => {
    const { positions } = layout;
    return (
      <g className={classes.base}>
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
                <title>{node.entityRef ?? node.id}</title>
                <circle
                  r={node.count !== undefined ? 8 : 6}
                  fill={ROLE_COLORS[node.role]}
                />
                <text x={11} y={4}>
                  {shorten(text)}
                </text>
              </g>
            );
          })}
        </g>
      </g>
    );
  }, [view, layout, classes.base]);

  const overlay = useMemo(() => {
    if (!hovered || !nodesById.has(hovered)) return null;
    const path = pathToChanged(parents, hovered);
    const { positions } = layout;
    return (
      <g className={classes.overlay} data-testid="impact-graph-highlight">
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
              <text x={11} y={4} fontWeight="bold">
                {shorten(nodeText(node))}
              </text>
            </g>
          );
        })}
      </g>
    );
  }, [hovered, nodesById, parents, layout, classes.overlay]);

  const hoveredPath = useMemo(
    () =>
      hovered && nodesById.has(hovered)
        ? pathToChanged(parents, hovered)
            .map(n => nodeText(nodesById.get(n)!))
            .reverse()
            .join(' → ')
        : undefined,
    [hovered, nodesById, parents],
  );

  const open = useCallback(
    (nodeId: string | undefined) => {
      const ref = nodeId && nodesById.get(nodeId)?.entityRef;
      if (ref && entityLink) navigate(entityLink(ref));
    },
    [nodesById, entityLink, navigate],
  );
  const onPoint = (event: SyntheticEvent) => {
    const next = nodeIdOf(event);
    if (next !== hovered) setHovered(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') open(nodeIdOf(event));
  };
  const onClick = (event: MouseEvent) => open(nodeIdOf(event));

  const set = (patch: Partial<GraphFilters>) =>
    setFilters(previous => ({ ...previous, ...patch }));
  const toggleRelation = (relation: ImpactGraphRelation) =>
    set({
      relations: filters.relations.includes(relation)
        ? filters.relations.filter(r => r !== relation)
        : IMPACT_RELATIONS.filter(
            r => r === relation || filters.relations.includes(r),
          ),
    });

  return (
    <div>
      <div className={classes.filters}>
        {IMPACT_RELATIONS.map(relation => (
          <FormControlLabel
            key={relation}
            control={
              <Checkbox
                size="small"
                checked={filters.relations.includes(relation)}
                onChange={() => toggleRelation(relation)}
                style={{ color: RELATION_COLORS[relation] }}
              />
            }
            label={RELATION_LABELS[relation]}
          />
        ))}
      </div>
      <div className={classes.filters}>
        <div className={classes.slider}>
          <Typography id={`${id}-depth`} variant="caption">
            Max depth: {filters.maxDepth}
          </Typography>
          <Slider
            aria-labelledby={`${id}-depth`}
            value={filters.maxDepth}
            min={0}
            max={deepest}
            step={1}
            marks
            onChange={(_event, value) => set({ maxDepth: value as number })}
          />
        </div>
        <TextField
          id={`${id}-owner`}
          select
          label="Owner"
          className={classes.select}
          value={filters.owner ?? ''}
          onChange={e => set({ owner: e.target.value || undefined })}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">All owners</MenuItem>
          {owners.map(owner => (
            <MenuItem key={owner} value={owner}>
              {owner}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id={`${id}-lifecycle`}
          select
          label="Lifecycle"
          className={classes.select}
          value={filters.lifecycle ?? ''}
          onChange={e => set({ lifecycle: e.target.value || undefined })}
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
        >
          <MenuItem value="">All lifecycles</MenuItem>
          {lifecycles.map(lifecycle => (
            <MenuItem key={lifecycle} value={lifecycle}>
              {lifecycle}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={filters.collapseSystems}
              onChange={(_e, checked) => set({ collapseSystems: checked })}
              color="primary"
            />
          }
          label="Collapse by system"
        />
        <Typography variant="body2" color="textSecondary" aria-live="polite">
          {view.nodes.length} nodes, {view.edges.length} edges
        </Typography>
      </div>
      <div className={classes.scroller}>
        {/* Keyboard and pointer events of the nodes are delegated to the SVG. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
        <svg
          data-testid="impact-graph"
          role="group"
          aria-label="Impact graph"
          className={`${classes.svg} ${hovered ? classes.dimmed : ''}`}
          width={layout.width}
          height={layout.height}
          onMouseOver={onPoint}
          onFocus={onPoint}
          onMouseLeave={() => setHovered(undefined)}
          onBlur={() => setHovered(undefined)}
          onClick={onClick}
          onKeyDown={onKeyDown}
        >
          {layout.depthColumns.map(column => (
            <text key={column.depth} x={column.x} y={16} fontWeight="bold">
              {column.depth === 0 ? 'Changed' : `Depth ${column.depth}`}
            </text>
          ))}
          {base}
          {overlay}
        </svg>
      </div>
      <Box minHeight={20} marginTop={0.5}>
        <Typography variant="caption" color="textSecondary">
          {hoveredPath
            ? `Path: ${hoveredPath}`
            : 'Hover or focus a node to see its path to a changed entity; click it to open it.'}
        </Typography>
      </Box>
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
    </div>
  );
}
