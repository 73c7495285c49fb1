import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  RELEASE_STATES,
  RELEASE_TYPES,
  ReleaseState,
  ReleaseType,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stateLabel } from '../shared/format';
import { ReleaseCalendarFilter } from './types';
import { Cluster } from '../shared/Cluster';

/** A full, lower-case ref of a kind, or undefined when the text is not one. */
export function normalizeRef(
  text: string | null | undefined,
  kind: string,
): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind: kind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** The refs of the catalog's entities of a kind, when a catalog is installed. */
function useEntityRefs(kind: string): { refs: string[]; loading: boolean } {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const { value, loading } = useAsync(async () => {
    if (!catalogApi) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    });
    return items
      .map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
      .sort();
  }, [catalogApi, kind]);
  return { refs: value ?? [], loading };
}

function EntityRefFilter(props: {
  label: string;
  kind: string;
  value?: string;
  onChange: (ref: string | undefined) => void;
}) {
  const { label, kind, value, onChange } = props;
  const { refs, loading } = useEntityRefs(kind);
  const [text, setText] = useState(value ? entityName(value) : '');
  useEffect(() => setText(value ? entityName(value) : ''), [value]);
  return (
    <Autocomplete<string, false, false, true>
      freeSolo
      options={refs}
      loading={loading}
      value={value ?? null}
      inputValue={text}
      getOptionLabel={entityName}
      onInputChange={(_e, next) => setText(next)}
      onChange={(_e, next) => onChange(normalizeRef(next, kind))}
      onBlur={() => {
        const ref = normalizeRef(text, kind);
        if (ref !== value) onChange(ref);
      }}
      style={{ minWidth: 180 }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          variant="outlined"
          size="small"
          placeholder="Any"
        />
      )}
    />
  );
}

function MultiSelectFilter<T extends string>(props: {
  id: string;
  label: string;
  options: readonly T[];
  value: T[];
  onChange: (value: T[]) => void;
  optionLabel?: (value: T) => string;
  /** What the field says when nothing is chosen; `Any` by default. */
  noneLabel?: string;
}) {
  const { id, label, options, value, onChange, optionLabel = v => v } = props;
  const noneLabel = props.noneLabel ?? 'Any';
  return (
    <TextField
      id={id}
      select
      label={label}
      variant="outlined"
      size="small"
      style={{ minWidth: 160 }}
      value={value}
      SelectProps={{
        multiple: true,
        displayEmpty: true,
        renderValue: selected =>
          (selected as T[]).length
            ? (selected as T[]).map(optionLabel).join(', ')
            : noneLabel,
      }}
      InputLabelProps={{ shrink: true }}
      onChange={event => onChange(event.target.value as unknown as T[])}
    >
      {options.map(option => (
        <MenuItem key={option} value={option}>
          <Checkbox size="small" checked={value.includes(option)} />
          <ListItemText primary={optionLabel(option)} />
        </MenuItem>
      ))}
    </TextField>
  );
}

/**
 * Props of {@link CalendarFilters}.
 *
 * @public
 */
export interface CalendarFiltersProps {
  value: ReleaseCalendarFilter;
  onChange: (value: ReleaseCalendarFilter) => void;
}

/**
 * Filters of the release calendar: system, domain, owner group (chosen from
 * the catalog, or typed), types, states (unfinished ones unless chosen) and
 * "only mine".
 *
 * @public
 */
export function CalendarFilters(props: CalendarFiltersProps) {
  const { value, onChange } = props;
  const set = (patch: Partial<ReleaseCalendarFilter>) =>
    onChange({ ...value, ...patch });
  const active =
    value.system ||
    value.domain ||
    value.owner ||
    value.type?.length ||
    value.state?.length ||
    value.onlyMine;
  return (
    <Cluster
      marginBottom={2}
      gap={12}
      role="search"
      aria-label="Calendar filters"
    >
      <EntityRefFilter
        label="System"
        kind="system"
        value={value.system}
        onChange={system => set({ system })}
      />
      <EntityRefFilter
        label="Domain"
        kind="domain"
        value={value.domain}
        onChange={domain => set({ domain })}
      />
      <EntityRefFilter
        label="Owner group"
        kind="group"
        value={value.owner}
        onChange={owner => set({ owner })}
      />
      <MultiSelectFilter<ReleaseType>
        id="release-calendar-type"
        label="Type"
        options={RELEASE_TYPES}
        value={value.type ?? []}
        onChange={type => set({ type })}
      />
      <MultiSelectFilter<ReleaseState>
        id="release-calendar-state"
        label="State"
        options={RELEASE_STATES}
        value={value.state ?? []}
        onChange={state => set({ state })}
        optionLabel={stateLabel}
        noneLabel="Not finished"
      />
      <FormControlLabel
        control={
          <Switch
            color="primary"
            checked={Boolean(value.onlyMine)}
            onChange={event => set({ onlyMine: event.target.checked })}
          />
        }
        label="Only mine"
      />
      {active && (
        <Button size="small" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </Cluster>
  );
}

/** Reads a calendar filter from URL query parameters. */
export function filterFromSearchParams(
  params: URLSearchParams,
): ReleaseCalendarFilter {
  const filter: ReleaseCalendarFilter = {};
  const system = normalizeRef(params.get('system'), 'system');
  const domain = normalizeRef(params.get('domain'), 'domain');
  const owner = normalizeRef(params.get('owner'), 'group');
  if (system) filter.system = system;
  if (domain) filter.domain = domain;
  if (owner) filter.owner = owner;
  const types = params
    .getAll('type')
    .filter((t): t is ReleaseType => RELEASE_TYPES.includes(t as ReleaseType));
  const states = params
    .getAll('state')
    .filter((s): s is ReleaseState =>
      RELEASE_STATES.includes(s as ReleaseState),
    );
  if (types.length) filter.type = types;
  if (states.length) filter.state = states;
  if (params.get('mine') === 'true') filter.onlyMine = true;
  return filter;
}

const FILTER_PARAMS = ['system', 'domain', 'owner', 'type', 'state', 'mine'];

/** Writes a calendar filter into URL query parameters, keeping the others. */
export function filterToSearchParams(
  filter: ReleaseCalendarFilter,
  previous: URLSearchParams,
): URLSearchParams {
  const params = new URLSearchParams(previous);
  FILTER_PARAMS.forEach(key => params.delete(key));
  if (filter.system) params.set('system', filter.system);
  if (filter.domain) params.set('domain', filter.domain);
  if (filter.owner) params.set('owner', filter.owner);
  filter.type?.forEach(t => params.append('type', t));
  filter.state?.forEach(s => params.append('state', s));
  if (filter.onlyMine) params.set('mine', 'true');
  return params;
}
