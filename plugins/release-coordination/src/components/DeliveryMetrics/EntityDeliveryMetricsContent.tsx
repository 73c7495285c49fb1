import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DeliveryMetrics } from './DeliveryMetrics';

/**
 * The Metrics tab of a System, Domain or Group: the delivery metrics of the
 * releases of its entities (a System's parts, everything in a Domain, what a
 * Group and its child groups own).
 */
export function EntityDeliveryMetricsContent() {
  const { entity } = useEntity();
  return (
    <DeliveryMetrics
      scope={stringifyEntityRef(entity).toLocaleLowerCase('en-US')}
    />
  );
}
