import { DeliveryMetricsApi } from './DeliveryMetricsApi';
import {
  queryString,
  ReleaseCoordinationHttp,
} from './ReleaseCoordinationHttp';

/** The delivery-metrics calls: `GET /metrics` as JSON or as CSV. @public */
export abstract class DeliveryMetricsClient
  extends ReleaseCoordinationHttp
  implements DeliveryMetricsApi
{
  getDeliveryMetrics: DeliveryMetricsApi['getDeliveryMetrics'] =
    async request => this.request(`/metrics${queryString(request)}`);

  getDeliveryMetricsCsv: DeliveryMetricsApi['getDeliveryMetricsCsv'] =
    async request => {
      const response = await this.fetchOk(
        `/metrics${queryString({ ...request, format: 'csv' })}`,
      );
      return response.blob();
    };
}
