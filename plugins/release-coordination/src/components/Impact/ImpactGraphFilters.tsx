import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Slider from '@material-ui/core/Slider';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import {
  GraphFilterOptions,
  GraphFilters,
  GraphView,
  IMPACT_RELATIONS,
  RELATION_LABELS,
  toggleRelation,
} from './graphModel';
import { RELATION_COLORS } from './ImpactGraphDrawing';

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
}));

function OptionSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  options: string[];
  value?: string;
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      className={classes.select}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
    >
      <MenuItem value="">{props.allLabel}</MenuItem>
      {props.options.map(option => (
        <MenuItem key={option} value={option}>
          {option}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The filters that pick one value (or all) out of a list of options. */
const OPTION_FILTERS = [
  { field: 'owner', options: 'owners', label: 'Owner', allLabel: 'All owners' },
  {
    field: 'lifecycle',
    options: 'lifecycles',
    label: 'Lifecycle',
    allLabel: 'All lifecycles',
  },
] as const;

/**
 * The impact graph's filters (relations, depth, owner, lifecycle, systems
 * collapsed) and the number of nodes and edges they let through.
 */
export function ImpactGraphFilters(props: {
  filters: GraphFilters;
  options: GraphFilterOptions;
  view: GraphView;
  onChange: (patch: Partial<GraphFilters>) => void;
}) {
  const { filters, options, view, onChange } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <>
      <div className={classes.filters}>
        {IMPACT_RELATIONS.map(relation => (
          <FormControlLabel
            key={relation}
            control={
              <Checkbox
                size="small"
                checked={filters.relations.includes(relation)}
                onChange={() =>
                  onChange({
                    relations: toggleRelation(filters.relations, relation),
                  })
                }
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
            max={options.deepest}
            step={1}
            marks
            onChange={(_event, value) =>
              onChange({ maxDepth: value as number })
            }
          />
        </div>
        {OPTION_FILTERS.map(filter => (
          <OptionSelect
            key={filter.field}
            id={`${id}-${filter.field}`}
            label={filter.label}
            allLabel={filter.allLabel}
            options={options[filter.options]}
            value={filters[filter.field]}
            onChange={value => onChange({ [filter.field]: value })}
          />
        ))}
        <FormControlLabel
          control={
            <Switch
              checked={filters.collapseSystems}
              onChange={(_e, checked) => onChange({ collapseSystems: checked })}
              color="primary"
            />
          }
          label="Collapse by system"
        />
        <Typography variant="body2" color="textSecondary" aria-live="polite">
          {view.nodes.length} nodes, {view.edges.length} edges
        </Typography>
      </div>
    </>
  );
}
