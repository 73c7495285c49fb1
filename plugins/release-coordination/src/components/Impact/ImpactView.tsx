import { InfoCard } from '@backstage/core-components';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  ImpactReport,
  Release,
} from '@internal/plugin-release-coordination-common';
import { ImpactGraph } from './ImpactGraph';
import { ImpactTable } from './ImpactTable';
import { RiskMatrix } from './RiskMatrix';

/** Props of {@link ImpactView}. */
export interface ImpactViewProps {
  report: ImpactReport;
  /** The release assessed, for the risk override; none for a hypothetical change. */
  release?: Pick<Release, 'id' | 'ownerRef'>;
  onChanged?: () => void;
  /** Shows the graph in a closed accordion (rendered when opened), systems collapsed. */
  collapsedGraph?: boolean;
}

/**
 * The risk matrix, the impact tables and the graph of one impact report. The
 * risk and the tables sit side by side only on wide screens (xl): the
 * tables' seven columns need the full width below that.
 */
export function ImpactView(props: ImpactViewProps) {
  const { report, release, onChanged, collapsedGraph } = props;
  const title = `Blast radius graph (${report.graph.nodes.length} entities)`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} xl={5}>
        <InfoCard title="Risk">
          <RiskMatrix
            risk={report.risk}
            release={release}
            onChanged={onChanged}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} xl={7}>
        <InfoCard title="Affected">
          <ImpactTable report={report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {collapsedGraph ? (
          <Accordion TransitionProps={{ unmountOnExit: true }}>
            <AccordionSummary expandIcon={<ExpandMoreIcon />}>
              <Typography>{title}</Typography>
            </AccordionSummary>
            <AccordionDetails style={{ display: 'block' }}>
              <ImpactGraph graph={report.graph} defaultCollapsed />
            </AccordionDetails>
          </Accordion>
        ) : (
          <InfoCard title={title}>
            <ImpactGraph graph={report.graph} />
          </InfoCard>
        )}
      </Grid>
    </Grid>
  );
}
