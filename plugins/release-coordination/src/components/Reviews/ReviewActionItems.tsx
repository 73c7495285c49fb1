import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CreateActionItemRequest,
  ReleaseReview,
  ReviewActionItem,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { formatDate } from '../shared/format';
import { Cluster } from '../shared/Cluster';

const EMPTY = { title: '', ownerRef: '', dueDate: '' };

/** The form adding an action item: title, owner (user or group ref) and due date. */
function AddActionItem(props: {
  busy: boolean;
  onAdd: (item: Omit<CreateActionItemRequest, 'revision'>) => void;
}) {
  const [item, setItem] = useState(EMPTY);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onAdd(item);
  };
  const field = (key: keyof typeof EMPTY, label: string, extra = {}) => (
    <TextField
      id={`action-item-${key}`}
      label={label}
      margin="dense"
      value={item[key]}
      onChange={e => setItem({ ...item, [key]: e.target.value })}
      {...extra}
    />
  );
  return (
    <Cluster component="form" onSubmit={submit} alignItems="flex-end">
      {field('title', 'Action item', { style: { minWidth: 260 } })}
      {field('ownerRef', 'Action item owner', {
        placeholder: 'group:default/checkout-team',
      })}
      {field('dueDate', 'Due date', {
        type: 'date',
        InputLabelProps: { shrink: true },
      })}
      <Button type="submit" variant="outlined" disabled={props.busy}>
        Add action item
      </Button>
    </Cluster>
  );
}

/**
 * The action items of a review: open or done, with owner and due date;
 * those who write the review and each item's owner tick them off, those who
 * write it add more.
 */
export function ReviewActionItems(props: {
  review: ReleaseReview;
  busy: boolean;
  onToggle: (item: ReviewActionItem) => void;
  onAdd: (item: Omit<CreateActionItemRequest, 'revision'>) => void;
}) {
  const { review, busy } = props;
  const identityApi = useApi(identityApiRef);
  const mine = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    return new Set(ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')));
  }, [identityApi]);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      {review.actionItems.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No action items yet.
        </Typography>
      ) : (
        <List dense aria-label="Action items">
          {review.actionItems.map(item => (
            <ListItem key={item.id} disableGutters>
              <ListItemIcon>
                <Checkbox
                  edge="start"
                  checked={item.status === 'done'}
                  disabled={
                    busy ||
                    !(
                      review.canEdit ||
                      mine.value?.has(item.ownerRef.toLocaleLowerCase('en-US'))
                    )
                  }
                  onChange={() => props.onToggle(item)}
                  inputProps={{ 'aria-label': `Done: ${item.title}` }}
                />
              </ListItemIcon>
              <ListItemText
                primary={item.title}
                secondary={`${entityName(item.ownerRef)}, due ${formatDate(
                  item.dueDate,
                )}${
                  item.status === 'open' && item.dueDate < today
                    ? ' (overdue)'
                    : ''
                }${item.doneBy ? ` · done by ${entityName(item.doneBy)}` : ''}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {review.canEdit && (
        <AddActionItem
          key={review.actionItems.length}
          busy={busy}
          onAdd={props.onAdd}
        />
      )}
    </>
  );
}
