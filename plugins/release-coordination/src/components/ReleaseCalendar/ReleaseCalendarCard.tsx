import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { useRootLink } from '../shared/useReleaseLink';
import { ReleaseCalendar } from './ReleaseCalendar';

/**
 * Props of {@link ReleaseCalendarCardContent}.
 *
 * @public
 */
export interface ReleaseCalendarCardContentProps {
  /** How many days ahead to list; 14 by default. */
  days?: number;
  /** The current time; the clock by default. */
  now?: Date | string | number;
}

/**
 * The content of the homepage widget: the releases and freezes of the next two
 * weeks as a compact agenda, and a link to the full calendar.
 *
 * @public
 */
export function ReleaseCalendarCardContent(
  props: ReleaseCalendarCardContentProps,
) {
  const { days = 14, now } = props;
  const rootLink = useRootLink();
  return (
    <Box>
      <ReleaseCalendar
        compact
        defaultView="agenda"
        agendaDays={days}
        now={now}
      />
      {rootLink && (
        <Box marginTop={1}>
          <Link to={rootLink}>Open release calendar</Link>
        </Box>
      )}
    </Box>
  );
}
