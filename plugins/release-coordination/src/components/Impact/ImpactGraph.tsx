import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  KeyboardEvent,
  MouseEvent,
  SyntheticEvent,
  useCallback,
  useMemo,
  useState,
} from 'react';
import { useNavigate } from 'react-router-dom';
import useMeasure from 'react-use/esm/useMeasure';
import { ImpactReport } from '@internal/plugin-release-coordination-common';
import {
  filterGraph,
  GraphFilters,
  graphFilterOptions,
  IMPACT_RELATIONS,
  layoutGraph,
  parentsTowardsChanged,
  pathToChanged,
} from './graphModel';
import {
  GraphDrawing,
  GraphLegend,
  LABEL_FONT_SIZE,
  nodeText,
  PathHighlight,
} from './ImpactGraphDrawing';
import { ImpactGraphFilters } from './ImpactGraphFilters';

const useStyles = makeStyles(theme => ({
  scroller: {
    overflow: 'auto',
    maxHeight: 640,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  svg: {
    display: 'block',
    fontFamily: theme.typography.fontFamily,
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
}));

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

/** Props of {@link ImpactGraph}. @public */
export interface ImpactGraphProps {
  graph: ImpactReport['graph'];
  /** Whether systems start collapsed. */
  defaultCollapsed?: boolean;
}

/**
 * The blast radius as a layered graph in one SVG: a column per depth, rows by
 * system and owner, nodes coloured by role and edges by relation. The columns
 * share the width available, scrolling only when they cannot fit. Filters by
 * relation, depth, owner and lifecycle; systems collapse into one node each.
 * Hovering or focusing a node highlights its path back to a changed entity;
 * clicking (or Enter) opens its entity page.
 *
 * @public
 */
export function ImpactGraph(props: ImpactGraphProps) {
  const { graph } = props;
  const classes = useStyles();
  const navigate = useNavigate();
  const entityLink = useEntityLink();

  const options = useMemo(() => graphFilterOptions(graph), [graph]);
  const [filters, setFilters] = useState<GraphFilters>(() => ({
    relations: IMPACT_RELATIONS,
    maxDepth: options.deepest,
    collapseSystems: Boolean(props.defaultCollapsed),
  }));
  const [hovered, setHovered] = useState<string>();
  // The scroller's content width; 0 until measured (and without ResizeObserver).
  const [measure, { width }] = useMeasure<HTMLDivElement>();

  const view = useMemo(() => filterGraph(graph, filters), [graph, filters]);
  const layout = useMemo(() => layoutGraph(view, width), [view, width]);
  const parents = useMemo(() => parentsTowardsChanged(view), [view]);
  const nodesById = useMemo(
    () => new Map(view.nodes.map(n => [n.id, n])),
    [view],
  );
  const hoveredPath = useMemo(
    () =>
      hovered && nodesById.has(hovered)
        ? pathToChanged(parents, hovered)
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

  return (
    <div>
      <ImpactGraphFilters
        filters={filters}
        options={options}
        view={view}
        onChange={patch => setFilters(previous => ({ ...previous, ...patch }))}
      />
      <div ref={measure} className={classes.scroller}>
        {/* Keyboard and pointer events of the nodes are delegated to the SVG. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
        <svg
          data-testid="impact-graph"
          role="group"
          aria-label="Impact graph"
          className={`${classes.svg} ${hovered ? classes.dimmed : ''}`}
          width={layout.width}
          height={layout.height}
          fontSize={LABEL_FONT_SIZE}
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
          <GraphDrawing view={view} layout={layout} className={classes.base} />
          {hoveredPath && (
            <PathHighlight
              path={hoveredPath}
              nodesById={nodesById}
              layout={layout}
              className={classes.overlay}
            />
          )}
        </svg>
      </div>
      <Box minHeight={20} marginTop={0.5}>
        <Typography variant="caption" color="textSecondary">
          {hoveredPath
            ? `Path: ${hoveredPath
                .map(n => nodeText(nodesById.get(n)!))
                .reverse()
                .join(' → ')}`
            : 'Hover or focus a node to see its path to a changed entity; click it to open it.'}
        </Typography>
      </Box>
      <GraphLegend />
    </div>
  );
}
