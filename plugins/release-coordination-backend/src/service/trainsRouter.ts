import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  DEFAULT_TIME_HORIZON,
  TimeHorizon,
  TrainBooking,
  trainRequestSchemas,
} from '@internal/plugin-release-coordination-common';
import { Request, Router } from 'express';
import { TrainService } from '../trains/TrainService';
import { mutationAuditor, parseInput } from './http';

/**
 * What the train routes need.
 *
 * @public
 */
export interface TrainRouterOptions {
  trains: TrainService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** How far from now request times may lie; 5 years by default. */
  timeHorizon?: TimeHorizon;
}

/** The audit meta of a booking of the release `releaseId`. */
const describeBooking = (
  releaseId: string,
  booking: Pick<TrainBooking, 'trainId' | 'slotStart'>,
): JsonObject => ({
  releaseId,
  trainId: booking.trainId,
  slotStart: booking.slotStart,
});

/**
 * Adds the release-train routes (trains, their slots and stats, booking a
 * release onto a slot) to a router. All need a user.
 *
 * @public
 */
export function addTrainRoutes(router: Router, options: TrainRouterOptions) {
  const { trains, httpAuth, auditor } = options;
  const schemas = trainRequestSchemas(
    options.timeHorizon ?? DEFAULT_TIME_HORIZON,
  );

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  const audited = mutationAuditor(auditor);

  router.get('/trains', async (req, res) => {
    await userCredentials(req);
    res.json({ items: await trains.listTrains() });
  });

  router.post('/trains', async (req, res) => {
    const train = await audited(
      req,
      'train-create',
      {},
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.createTrain, req.body);
        return trains.createTrain(input, credentials);
      },
      t => ({ trainId: t.id, revision: t.revision }),
    );
    res.status(201).json(train);
  });

  router.get('/trains/:id', async (req, res) => {
    await userCredentials(req);
    res.json(await trains.getTrain(req.params.id));
  });

  router.patch('/trains/:id', async (req, res) => {
    const { id } = req.params;
    const train = await audited(
      req,
      'train-update',
      { trainId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.updateTrain, req.body);
        return trains.updateTrain(id, input, credentials);
      },
      t => ({ trainId: t.id, revision: t.revision }),
    );
    res.json(train);
  });

  router.delete('/trains/:id', async (req, res) => {
    const { id } = req.params;
    await audited(req, 'train-delete', { trainId: id }, async () => {
      const credentials = await userCredentials(req);
      await trains.deleteTrain(id, credentials);
    });
    res.status(204).end();
  });

  router.get('/trains/:id/slots', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.slotsQuery, req.query);
    res.json({
      items: await trains.listSlots(req.params.id, query, credentials),
    });
  });

  router.get('/trains/:id/stats', async (req, res) => {
    const credentials = await userCredentials(req);
    const query = parseInput(schemas.statsQuery, req.query);
    res.json(await trains.stats(req.params.id, query, credentials));
  });

  router.post('/releases/:id/train-slot', async (req, res) => {
    const { id } = req.params;
    const result = await audited(
      req,
      'release-train-book',
      { releaseId: id },
      async () => {
        const credentials = await userCredentials(req);
        const input = parseInput(schemas.bookSlot, req.body);
        return trains.book(id, input, credentials);
      },
      ({ booking, release }) => ({
        ...describeBooking(id, booking),
        revision: release.revision,
      }),
    );
    res.json(result);
  });

  router.delete('/releases/:id/train-slot', async (req, res) => {
    const { id } = req.params;
    await audited(
      req,
      'release-train-unbook',
      { releaseId: id },
      async () => {
        const credentials = await userCredentials(req);
        return trains.unbook(id, credentials);
      },
      booking => describeBooking(id, booking),
    );
    res.status(204).end();
  });
}
