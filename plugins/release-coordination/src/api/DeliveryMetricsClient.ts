import { DeliveryMetrics } from '@internal/plugin-release-coordination-common';
import { DeliveryMetricsRequest } from './DeliveryMetricsApi';
import {
  queryString,
  ReleaseCoordinationHttp,
} from './ReleaseCoordinationHttp';

/** The delivery-metrics calls: `GET /metrics` as JSON or as CSV. @public */
export abstract class DeliveryMetricsClient extends ReleaseCoordinationHttp {
  async getDeliveryMetrics(
    request: DeliveryMetricsRequest,
  ): Promise<DeliveryMetrics> {
    return this.request<DeliveryMetrics>(`/metrics${queryString(request)}`);
  }

  async getDeliveryMetricsCsv(request: DeliveryMetricsRequest): Promise<Blob> {
    const response = await this.fetchOk(
      `/metrics${queryString({ ...request, format: 'csv' })}`,
    );
    return response.blob();
  }
}
