import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import {
  Release,
  RISK_MATRIX,
  RiskAssessment,
  RiskLevel,
} from '@internal/plugin-release-coordination-common';
import { RiskOverride } from './RiskOverride';
import { Cluster } from '../shared/Cluster';

/** Background colours of the risk levels. */
export const RISK_COLORS: Record<RiskLevel, string> = {
  low: '#c8e6c9',
  medium: '#fff59d',
  high: '#ffcc80',
  critical: '#ef9a9a',
};

/**
 * Text on a risk colour: dark in either theme, as the colours are light (the
 * dark theme's white text gave 1.1:1 to 2.2:1 on them).
 */
const RISK_TEXT = 'rgba(0, 0, 0, 0.87)';

const useStyles = makeStyles(theme => ({
  matrix: {
    borderCollapse: 'collapse',
    '& td, & th': {
      width: 64,
      height: 32,
      textAlign: 'center',
      fontSize: theme.typography.caption.fontSize,
    },
    '& td': { border: `1px solid ${theme.palette.background.paper}` },
    // the axis column is as wide as "Probability", never broken inside it
    '& th:first-child': { width: 'auto', wordBreak: 'normal' },
  },
  current: {
    outline: `3px solid ${theme.palette.text.primary}`,
    outlineOffset: -3,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/** A risk level as a chip coloured by level; its label is the level alone. */
export function RiskChip(props: { level: RiskLevel; overridden?: boolean }) {
  const { level, overridden } = props;
  return (
    <Chip
      size="small"
      label={level}
      title={overridden ? 'Risk (overridden)' : 'Risk'}
      data-testid="risk-chip"
      style={{ background: RISK_COLORS[level], color: RISK_TEXT }}
    />
  );
}

/** The matrix with the cell of the assessment highlighted. */
function RiskGrid(props: { probability: number; impact: number }) {
  const { probability, impact } = props;
  const classes = useStyles();
  return (
    <table className={classes.matrix} aria-label="Risk matrix">
      <thead>
        <tr>
          <th scope="col">Probability \ Impact</th>
          {[1, 2, 3, 4, 5].map(i => (
            <th key={i} scope="col">
              {i}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[5, 4, 3, 2, 1].map(p => (
          <tr key={p}>
            <th scope="row">{p}</th>
            {[1, 2, 3, 4, 5].map(i => {
              const level = RISK_MATRIX[p - 1][i - 1];
              const current = p === probability && i === impact;
              return (
                <td
                  key={i}
                  className={current ? classes.current : undefined}
                  style={{ background: RISK_COLORS[level], color: RISK_TEXT }}
                  aria-current={current ? 'true' : undefined}
                  aria-label={`probability ${p}, impact ${i}: ${level}${
                    current ? ' (this release)' : ''
                  }`}
                  data-testid={`risk-cell-${p}-${i}`}
                >
                  {current ? `● ${level}` : level}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A titled list of reasons, or a line saying there are none. */
function ReasonList<T extends { id: string }>(props: {
  title: string;
  /** The list's accessible name; the title by default. */
  label?: string;
  items: T[];
  emptyText: string;
  renderItem: (item: T) => ReactNode;
}) {
  const classes = useStyles();
  return (
    <Box marginTop={2}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.emptyText}
        </Typography>
      ) : (
        <ul className={classes.list} aria-label={props.label ?? props.title}>
          {props.items.map(item => (
            <li key={item.id}>
              <Typography variant="body2">{props.renderItem(item)}</Typography>
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}

/** Props of {@link RiskMatrix}. @public */
export interface RiskMatrixProps {
  risk: RiskAssessment;
  /** The release assessed; without it (a hypothetical change) there is no override. */
  release?: Pick<Release, 'id' | 'ownerRef'>;
  /** Called after the override was set or removed. */
  onChanged?: () => void;
}

/**
 * The 5×5 probability × impact matrix with the assessed cell highlighted, the
 * level, the contributing factors, the hard rules that matched and the
 * override; owners may override the level or remove the override.
 *
 * @public
 */
export function RiskMatrix(props: RiskMatrixProps) {
  const { risk, release, onChanged } = props;
  return (
    <div>
      <Cluster wrap={false} marginBottom={2}>
        <Typography variant="subtitle1" component="span">
          Risk
        </Typography>
        <RiskChip level={risk.level} overridden={Boolean(risk.override)} />
        <Typography variant="body2" color="textSecondary" component="span">
          probability {risk.probability} × impact {risk.impact}
          {risk.level !== risk.computedLevel &&
            ` (computed: ${risk.computedLevel})`}
        </Typography>
      </Cluster>
      <RiskGrid probability={risk.probability} impact={risk.impact} />

      <ReasonList
        title="Factors"
        label="Risk factors"
        items={risk.factors}
        emptyText="No contributing factors."
        renderItem={factor => (
          <>
            <strong>{factor.label}</strong> ({factor.dimension},{' '}
            {factor.points > 0 ? `+${factor.points}` : factor.points}):{' '}
            {factor.explanation}
          </>
        )}
      />
      <ReasonList
        title="Hard rules matched"
        items={risk.rules.filter(rule => rule.matched)}
        emptyText="No hard rule raised the level."
        renderItem={rule => (
          <>
            <strong>{rule.label}</strong> (at least {rule.minimumLevel}):{' '}
            {rule.explanation}
          </>
        )}
      />

      <RiskOverride risk={risk} release={release} onChanged={onChanged} />
    </div>
  );
}
