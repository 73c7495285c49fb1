import Box, { BoxProps } from '@material-ui/core/Box';

/** Props of {@link Cluster}: those of a `Box`, and the space between items. */
export type ClusterProps = Omit<BoxProps, 'gap'> & {
  /** The space between the items, in pixels; 8 by default. */
  gap?: number;
  /** Whether the items wrap onto further lines; they do by default. */
  wrap?: boolean;
};

/**
 * A row of items (a title and its chips, buttons, filters) with even space
 * between them, vertically centred unless `alignItems` says otherwise, that
 * wraps onto further lines when narrow.
 */
export function Cluster(props: ClusterProps) {
  const { gap = 8, wrap = true, style, ...boxProps } = props;
  return (
    <Box
      display="flex"
      flexWrap={wrap ? 'wrap' : undefined}
      alignItems="center"
      style={{ gap, ...style }}
      {...boxProps}
    />
  );
}
