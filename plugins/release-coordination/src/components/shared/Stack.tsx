import Box, { BoxProps } from '@material-ui/core/Box';

/** Props of {@link Stack}: those of a `Box`, and the space between items. */
export type StackProps = Omit<BoxProps, 'gap'> & {
  /** The space between the items, in pixels; 24 (three spacing units) by default. */
  gap?: number;
};

/**
 * A column of blocks (cards, sections of a page) with even space between
 * them and none before the first or after the last.
 */
export function Stack(props: StackProps) {
  const { gap = 24, style, ...boxProps } = props;
  return (
    <Box
      display="flex"
      flexDirection="column"
      style={{ gap, ...style }}
      {...boxProps}
    />
  );
}
