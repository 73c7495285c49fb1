import { Theme } from '@material-ui/core/styles';

/** The colour of freeze labels on days and in the time grid, readable in either theme. */
export function freezeLabelColor(theme: Theme): string {
  return theme.palette.type === 'dark' ? '#90caf9' : '#0d47a1';
}

/** The colour of train slots (their text and outline), readable in either theme. */
export function trainSlotColor(theme: Theme): string {
  return theme.palette.type === 'dark' ? '#ffcc80' : '#6d4c41';
}
