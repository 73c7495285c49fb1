import { SvgIconProps } from '@material-ui/core/SvgIcon';
import Tooltip from '@material-ui/core/Tooltip';
import { ComponentType, ReactNode } from 'react';

/**
 * A coloured status icon with its details in a tooltip, announced to screen
 * readers as an image named `label`; `data` are its `data-*` attributes.
 */
export function StatusIcon(props: {
  icon: ComponentType<SvgIconProps>;
  label: string;
  details: NonNullable<ReactNode>;
  color: string;
  fontSize?: SvgIconProps['fontSize'];
  data: Record<`data-${string}`, string>;
}) {
  const { icon: Icon, label, color, fontSize } = props;
  return (
    <Tooltip title={props.details}>
      <Icon
        role="img"
        aria-label={label}
        aria-hidden={false}
        {...props.data}
        fontSize={fontSize}
        style={{ color, verticalAlign: 'middle' }}
      />
    </Tooltip>
  );
}
