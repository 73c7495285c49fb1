export { DeliveryMetrics } from './DeliveryMetrics';
export { EntityDeliveryMetricsContent } from './EntityDeliveryMetricsContent';
