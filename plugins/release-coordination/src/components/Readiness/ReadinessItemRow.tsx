import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Checkbox from '@material-ui/core/Checkbox';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import WarningIcon from '@material-ui/icons/Warning';
import {
  linkSchema,
  ReadinessItem,
} from '@internal/plugin-release-coordination-common';
import { useState } from 'react';
import { formatTimestamp, readableText } from '../shared/format';
import { UserLink, useLinkSchemes } from '../shared/UserContent';

/** The host and path of an evidence URL, for its link text; the URL itself when it has no host. */
export function evidenceLabel(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return host ? `${host}${pathname === '/' ? '' : pathname}` : url;
  } catch {
    return url;
  }
}

/** One checklist item: passed or failed, its facts, who checked it with which evidence, and its checkbox when manual. */
export function ItemRow(props: {
  item: ReadinessItem;
  canCheck: boolean;
  /** The id of the words saying why the user may not check items, shown by the checklist. */
  checkReasonId?: string;
  busy: boolean;
  onCheck: (checked: boolean, evidence?: string) => void;
}) {
  const { item, canCheck, busy } = props;
  const [evidence, setEvidence] = useState('');
  const [evidenceError, setEvidenceError] = useState<string>();
  const offerEvidence = item.kind === 'manual' && !item.passed && canCheck;
  const evidenceSchema = linkSchema(useLinkSchemes());
  const check = (checked: boolean) => {
    if (!checked) {
      props.onCheck(false);
      return;
    }
    const link = evidence.trim();
    if (link && !evidenceSchema.safeParse(link).success) {
      setEvidenceError('Enter a full URL, e.g. https://wiki.example.com/page');
      return;
    }
    setEvidenceError(undefined);
    props.onCheck(true, link || undefined);
  };
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemIcon>
        {item.kind === 'manual' ? (
          <Checkbox
            edge="start"
            checked={item.passed}
            disabled={!canCheck || busy}
            onChange={event => check(event.target.checked)}
            inputProps={{
              'aria-label': item.label,
              'aria-describedby': canCheck ? undefined : props.checkReasonId,
            }}
          />
        ) : null}
        {item.warning && (
          <WarningIcon
            style={{ color: '#b26a00', marginTop: 9 }}
            titleAccess="warning"
          />
        )}
        {item.passed && !item.warning && (
          <CheckCircleIcon
            style={{ color: '#2e7d32', marginTop: 9 }}
            titleAccess="passed"
          />
        )}
        {!item.passed && (
          <CancelIcon
            color="error"
            style={{ marginTop: 9 }}
            titleAccess="failed"
          />
        )}
      </ListItemIcon>
      <ListItemText
        primary={
          <>
            {item.label}{' '}
            <Typography variant="caption" color="textSecondary">
              ({item.kind})
            </Typography>
          </>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            {item.facts.map((fact, index) => (
              <div key={index}>{readableText(fact)}</div>
            ))}
            {item.checkedBy && (
              <div>
                Checked by{' '}
                <EntityRefLink entityRef={item.checkedBy} defaultKind="user" />
                {item.checkedAt && ` on ${formatTimestamp(item.checkedAt)}`}
                {item.evidence && (
                  <>
                    {' · '}
                    <UserLink href={item.evidence}>
                      Evidence: {evidenceLabel(item.evidence)}
                    </UserLink>
                  </>
                )}
              </div>
            )}
            {offerEvidence && (
              <TextField
                size="small"
                margin="dense"
                type="url"
                value={evidence}
                placeholder="https://…"
                label="Evidence link (optional)"
                inputProps={{
                  'aria-label': `Evidence link for ${item.label}`,
                }}
                disabled={busy}
                error={Boolean(evidenceError)}
                helperText={
                  evidenceError ?? 'Sent when you check the item (Enter checks)'
                }
                onChange={event => {
                  setEvidence(event.target.value);
                  setEvidenceError(undefined);
                }}
                onKeyDown={event => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    check(true);
                  }
                }}
              />
            )}
          </>
        }
      />
    </ListItem>
  );
}
