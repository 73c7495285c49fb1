import { Theme } from '@material-ui/core/styles';

/** The styles of a `<dl>` of label–value rows: bold labels in the first column. */
export function fieldListStyles(theme: Theme) {
  return {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { fontWeight: theme.typography.fontWeightBold as number },
    '& dd': { margin: 0 },
  };
}
