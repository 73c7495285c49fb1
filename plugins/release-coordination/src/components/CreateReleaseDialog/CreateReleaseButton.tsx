import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';

/** The "Create release" button that opens a {@link CreateReleaseDialog}. */
export function CreateReleaseButton(props: { onClick: () => void }) {
  return (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={props.onClick}
    >
      Create release
    </Button>
  );
}
