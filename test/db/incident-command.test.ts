/**
 * Incident command on both databases: reasons and the timeline, the coordination centre with
 * its seats (who may staff which, one running at a time, periods), and the standby roster.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { activateCentre, staffCentreSeat } from '../../src/services/command/activate-centre';
import { answerStandby } from '../../src/services/command/answer-standby';
import { getIncidentCentres, listEligibleStaff } from '../../src/services/command/read-centre';
import { getStandbyRoster } from '../../src/services/command/read-standby';
import { standDownIncidentCentre } from '../../src/services/command/stand-down-centre';
import { requestStandby, withdrawStandby } from '../../src/services/command/standby-roster';
import type { Actor } from '../../src/services/context';
import { declareAgreement, declareSeat } from '../../src/services/embedding/declare-embedding';
import { declareIncident, moveIncidentStage, updateIncident } from '../../src/services/incidents/manage-incidents';
import { getIncident } from '../../src/services/incidents/read-incidents';
import { incidentEventsSince } from '../../src/services/live/live-events';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const coordinator = (jurisdiction: string): Actor => ({
  kind: 'user',
  userId: `coord-${jurisdiction}`,
  role: 'coordinator',
  organizationId: null,
  jurisdiction,
});
const HENAN = coordinator('410000');
const XINXIANG = coordinator('410700');
const GUANGDONG = coordinator('440000');
const OBSERVER: Actor = { kind: 'user', userId: 'observer', role: 'observer', organizationId: null, jurisdiction: null };
const orgAdmin = (organizationId: string): Actor => ({
  kind: 'user',
  userId: `admin-${organizationId}`,
  role: 'org_admin',
  organizationId,
  jurisdiction: null,
});
const orgMember = (organizationId: string): Actor => ({
  kind: 'user',
  userId: `member-${organizationId}`,
  role: 'org_member',
  organizationId,
  jurisdiction: null,
});

const flood = {
  name: '郑州暴雨',
  category: 'natural_disaster' as const,
  type: '洪涝',
  level: 3 as const,
  warningColor: 'yellow' as const,
  jurisdictions: ['410100'],
};

describeEachDatabase('incident command', (t) => {
  /** Organizations: a seat holder in Zhengzhou, an agreement holder from Guangzhou with the Henan agency, one with neither. */
  const orgs = { agency: '', seatHolder: '', agreementHolder: '', outsider: '', suspended: '', farSeat: '' };

  beforeAll(async () => {
    const { deps } = t();
    const org = async (kind: 'government_agency' | 'rescue_team' | 'social_organization', name: string, areas: string[]) =>
      (await createOrganization(deps, SYSTEM, { kind, name, jurisdictions: areas })).id;
    orgs.agency = await org('government_agency', '河南省应急管理厅', ['410000']);
    orgs.seatHolder = await org('rescue_team', '郑州蓝天救援队', ['410102']);
    orgs.agreementHolder = await org('rescue_team', '广州志愿救援队', ['440100']);
    orgs.outsider = await org('social_organization', '郑州社区服务中心', ['410100']);
    orgs.suspended = await org('rescue_team', '郑州停权救援队', ['410105']);
    orgs.farSeat = await org('rescue_team', '深圳山地救援队', ['440300']);
    const seat = (organizationId: string, subsystem: 'information' | 'command', from = '2025-01-01', to: string | null = null) =>
      declareSeat(deps, SYSTEM, {
        organizationId,
        structure: '郑州市防汛抗旱指挥部',
        subsystem,
        liaisonName: '王联络',
        from,
        to,
      });
    await seat(orgs.seatHolder, 'information');
    await seat(orgs.suspended, 'information');
    // A seat far away: it does not tie the organization to Zhengzhou.
    await seat(orgs.farSeat, 'information');
    // A seat that has run out.
    await seat(orgs.outsider, 'command', '2020-01-01', '2021-12-31');
    await declareAgreement(deps, SYSTEM, {
      organizationId: orgs.agreementHolder,
      counterpartId: orgs.agency,
      type: 'emergency_plan',
      validFrom: '2025-01-01',
    });
    await transitionMembership(deps, SYSTEM, orgs.suspended, { to: 'suspended', reason: '未按要求报备' });
  });

  describe('the timeline', () => {
    it('needs a reason for each change of level, colour, areas or policy, and records one entry for each', async () => {
      const { deps, clock } = t();
      const incident = await declareIncident(deps, HENAN, { ...flood, stage: 'preparedness' });
      await expect(updateIncident(deps, HENAN, incident.id, { level: 2 })).rejects.toMatchObject({
        code: 'reason_required',
        field: 'reason',
      });
      await expect(updateIncident(deps, HENAN, incident.id, { warningColor: 'red', reason: '   ' })).rejects.toMatchObject({
        code: 'reason_required',
      });
      // Name and description change without a reason and stay off the timeline.
      const renamed = await updateIncident(deps, HENAN, incident.id, { description: '城区内涝' });
      expect(renamed.timeline.map((c) => c.kind)).toEqual(['stage']);
      // Asking for what it already is changes nothing, and needs no reason.
      expect((await updateIncident(deps, HENAN, incident.id, { level: 3 })).timeline).toHaveLength(1);

      clock.advance(60_000);
      const raised = await updateIncident(deps, HENAN, incident.id, {
        level: 2,
        warningColor: 'orange',
        jurisdictions: ['410100', '410700'],
        policy: { checkInIntervalMinutes: 120 },
        reason: '降雨持续，新乡告急',
      });
      expect(raised.timeline.slice(1)).toEqual([
        expect.objectContaining({ kind: 'level', from: 3, to: 2, reason: '降雨持续，新乡告急', actor: 'coord-410000' }),
        expect.objectContaining({ kind: 'warning_color', from: 'yellow', to: 'orange' }),
        expect.objectContaining({ kind: 'jurisdictions', from: ['410100'], to: ['410100', '410700'] }),
        expect.objectContaining({
          kind: 'policy',
          from: { invitationRequired: true, checkInIntervalMinutes: 240 },
          to: { invitationRequired: true, checkInIntervalMinutes: 120 },
        }),
      ]);
      clock.advance(60_000);
      await moveIncidentStage(deps, HENAN, incident.id, { to: 'response', reason: '启动Ⅱ级响应' });
      clock.advance(60_000);
      await updateIncident(deps, HENAN, incident.id, { warningColor: null, reason: '预警解除' });
      const read = await getIncident(deps, OBSERVER, incident.id);
      expect(read.timeline.map((c) => [c.kind, c.to])).toEqual([
        ['stage', 'preparedness'],
        ['level', 2],
        ['warning_color', 'orange'],
        ['jurisdictions', ['410100', '410700']],
        ['policy', { invitationRequired: true, checkInIntervalMinutes: 120 }],
        ['stage', 'response'],
        ['warning_color', null],
      ]);
      expect(read.stages.map((s) => s.to)).toEqual(['preparedness', 'response']);
      // Areas outside the coordinator's own are refused, and nothing is recorded.
      await expect(updateIncident(deps, XINXIANG, incident.id, { level: 1, reason: '升级' })).rejects.toMatchObject({
        code: 'out_of_scope',
      });
      expect((await getIncident(deps, OBSERVER, incident.id)).timeline).toHaveLength(7);
    });
  });

  describe('the coordination centre', () => {
    it('offers as staff only active members holding a seat or an agreement in force for the incident’s areas', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, flood);
      const eligible = await listEligibleStaff(deps, HENAN, incident.id);
      expect(eligible.map((e) => e.organizationId).sort()).toEqual([orgs.agency, orgs.seatHolder, orgs.agreementHolder].sort());
      expect(eligible.find((e) => e.organizationId === orgs.seatHolder)?.bases).toEqual([
        expect.objectContaining({ kind: 'seat', subsystem: 'information', verified: false }),
      ]);
      expect(eligible.find((e) => e.organizationId === orgs.agreementHolder)?.bases).toEqual([
        expect.objectContaining({ kind: 'agreement', type: 'emergency_plan', counterpartId: orgs.agency }),
      ]);
      await expect(listEligibleStaff(deps, GUANGDONG, incident.id)).rejects.toMatchObject({ code: 'out_of_scope' });
      await expect(listEligibleStaff(deps, OBSERVER, incident.id)).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('refuses seats staffed by organizations without a basis, naming the seat', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, flood);
      const activate = (seats: { subsystem: 'information' | 'decision' | 'command' | 'assessment'; organizationId: string }[]) =>
        activateCentre(deps, HENAN, incident.id, { reason: '启动现场协调', seats });
      for (const [organizationId, i] of [
        [orgs.outsider, 1],
        [orgs.suspended, 1],
        [orgs.farSeat, 1],
        ['no-such-organization', 1],
      ] as const) {
        await expect(
          activate([
            { subsystem: 'information', organizationId: orgs.seatHolder },
            { subsystem: 'information', organizationId },
          ]),
        ).rejects.toMatchObject({ code: 'not_eligible_to_staff', field: `seats/${i}/organizationId` });
      }
      // A seat in the information subsystem does not entitle its holder to the command seat.
      await expect(activate([{ subsystem: 'command', organizationId: orgs.seatHolder }])).rejects.toMatchObject({
        code: 'not_eligible_to_staff',
        field: 'seats/0/organizationId',
      });
      await expect(
        activate([
          { subsystem: 'command', organizationId: orgs.agreementHolder },
          { subsystem: 'command', organizationId: orgs.agreementHolder },
        ]),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'seats/1/organizationId' });
      // Nothing was opened by the refusals.
      expect((await getIncidentCentres(deps, HENAN, incident.id)).active).toBeNull();
    });

    it('runs one centre at a time: activate with seats, staff more, stand down, activate a new period', async () => {
      const { deps, clock } = t();
      const incident = await declareIncident(deps, HENAN, flood);
      const centre = await activateCentre(deps, HENAN, incident.id, {
        reason: '启动现场协调中心',
        location: '郑州市应急管理局指挥大厅',
        seats: [
          { subsystem: 'information', organizationId: orgs.seatHolder, liaisonName: '李信息', liaisonPhone: '13800138000' },
          { subsystem: 'decision', organizationId: orgs.agency },
          { subsystem: 'command', organizationId: orgs.agreementHolder, liaisonName: '陈指挥' },
        ],
      });
      expect(centre).toMatchObject({ active: true, location: '郑州市应急管理局指挥大厅', activationReason: '启动现场协调中心' });
      expect(centre.seats.map((s) => [s.subsystem, s.icsSection, s.basisKind])).toEqual([
        ['information', 'planning', 'seat'],
        ['decision', 'command', 'agreement'],
        ['command', 'operations', 'agreement'],
      ]);
      await expect(
        activateCentre(deps, HENAN, incident.id, {
          reason: '再次启动',
          seats: [{ subsystem: 'information', organizationId: orgs.seatHolder }],
        }),
      ).rejects.toMatchObject({ code: 'centre_active' });
      const staffed = await staffCentreSeat(deps, HENAN, incident.id, {
        subsystem: 'assessment',
        organizationId: orgs.agreementHolder,
      });
      const seatEventId = staffed.seats[3]?.id;
      expect(staffed.seats.map((s) => s.subsystem)).toEqual(['information', 'decision', 'command', 'assessment']);
      await expect(
        staffCentreSeat(deps, HENAN, incident.id, { subsystem: 'information', organizationId: orgs.seatHolder }),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'organizationId' });

      clock.advance(3_600_000);
      await expect(standDownIncidentCentre(deps, GUANGDONG, incident.id, { reason: '撤' })).rejects.toMatchObject({
        code: 'out_of_scope',
      });
      const stood = await standDownIncidentCentre(deps, HENAN, incident.id, { reason: '灾情缓解，转入常态' });
      expect(stood).toMatchObject({ active: false, standDownReason: '灾情缓解，转入常态', stoodDownBy: 'coord-410000' });
      await expect(standDownIncidentCentre(deps, HENAN, incident.id, { reason: '再撤' })).rejects.toMatchObject({
        code: 'centre_not_active',
      });
      await expect(
        staffCentreSeat(deps, HENAN, incident.id, { subsystem: 'assessment', organizationId: orgs.seatHolder }),
      ).rejects.toMatchObject({ code: 'centre_not_active' });

      clock.advance(3_600_000);
      const again = await activateCentre(deps, HENAN, incident.id, {
        reason: '二次强降雨',
        seats: [{ subsystem: 'information', organizationId: orgs.seatHolder }],
      });
      expect(again.id).not.toBe(centre.id);
      const all = await getIncidentCentres(deps, OBSERVER, incident.id);
      expect(all.active?.id).toBe(again.id);
      expect(all.past.map((c) => [c.id, c.seats.length])).toEqual([[centre.id, 4]]);
      expect(all.viewerCanCommand).toBe(false);
      // Each activation and stand-down went out on the incident's live stream.
      const events = await incidentEventsSince(deps, incident.id, 0, 100);
      expect(events.filter((e) => e.kind === 'centre').map((e) => e.entityId)).toEqual([
        centre.id,
        seatEventId,
        centre.id,
        again.id,
      ]);
      expect((await getIncidentCentres(deps, HENAN, incident.id)).viewerCanCommand).toBe(true);
    });

    it('lets only one of two simultaneous activations through', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, flood);
      const seats = [{ subsystem: 'information' as const, organizationId: orgs.seatHolder }];
      const outcomes = await Promise.allSettled([
        activateCentre(deps, HENAN, incident.id, { reason: '甲启动', seats }),
        activateCentre(deps, SYSTEM, incident.id, { reason: '乙启动', seats }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'centre_active' } });
      const centres = await getIncidentCentres(deps, OBSERVER, incident.id);
      expect(centres.past).toEqual([]);
      expect(centres.active?.seats).toHaveLength(1);
    });

    it('shows a liaison’s name and phone only to the incident’s coordinators and the staffing organization', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, flood);
      await activateCentre(deps, HENAN, incident.id, {
        reason: '启动',
        seats: [
          { subsystem: 'information', organizationId: orgs.seatHolder, liaisonName: '李信息', liaisonPhone: '13800138000' },
        ],
      });
      const seatAs = async (actor: Actor) => (await getIncidentCentres(deps, actor, incident.id)).active?.seats[0];
      expect(await seatAs(HENAN)).toMatchObject({
        liaisonName: '李信息',
        liaisonPhone: '13800138000',
        personalDataVisible: true,
      });
      expect(await seatAs(orgMember(orgs.seatHolder))).toMatchObject({ liaisonPhone: '13800138000' });
      for (const reader of [GUANGDONG, OBSERVER, orgAdmin(orgs.agreementHolder)]) {
        expect(await seatAs(reader)).toMatchObject({
          organizationId: orgs.seatHolder,
          liaisonName: null,
          liaisonPhone: null,
          personalDataVisible: false,
        });
      }
    });

    it('refuses command on a closed incident, and asks a reason to activate and stand down', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, flood);
      await expect(
        activateCentre(deps, HENAN, incident.id, {
          reason: '  ',
          seats: [{ subsystem: 'information', organizationId: orgs.seatHolder }],
        }),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'reason' });
      await moveIncidentStage(deps, HENAN, incident.id, { to: 'closed' });
      await expect(
        activateCentre(deps, HENAN, incident.id, {
          reason: '启动',
          seats: [{ subsystem: 'information', organizationId: orgs.seatHolder }],
        }),
      ).rejects.toMatchObject({ code: 'archived' });
    });
  });

  describe('the standby roster', () => {
    it('puts an organization on the roster once when asked twice at the same moment', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, { ...flood, stage: 'preparedness' });
      const outcomes = await Promise.allSettled([
        requestStandby(deps, HENAN, incident.id, { organizationId: orgs.agreementHolder }),
        requestStandby(deps, SYSTEM, incident.id, { organizationId: orgs.agreementHolder }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'already_on_standby' } });
      expect((await getStandbyRoster(deps, HENAN, incident.id)).items).toHaveLength(1);
    });

    it('asks active members to stand by while the incident is in preparedness, and keeps the roster once it responds', async () => {
      const { deps } = t();
      const incident = await declareIncident(deps, HENAN, { ...flood, stage: 'preparedness' });
      const asked = await requestStandby(deps, HENAN, incident.id, { organizationId: orgs.seatHolder, note: '冲锋舟两艘待命' });
      expect(asked).toMatchObject({ answer: 'pending', note: '冲锋舟两艘待命', requestedBy: 'coord-410000' });
      await expect(requestStandby(deps, HENAN, incident.id, { organizationId: orgs.seatHolder })).rejects.toMatchObject({
        code: 'already_on_standby',
      });
      await expect(requestStandby(deps, HENAN, incident.id, { organizationId: orgs.suspended })).rejects.toMatchObject({
        code: 'membership_inactive',
        extra: { membershipStatus: 'suspended' },
      });
      await expect(requestStandby(deps, GUANGDONG, incident.id, { organizationId: orgs.outsider })).rejects.toMatchObject({
        code: 'out_of_scope',
      });
      await expect(
        requestStandby(deps, orgAdmin(orgs.seatHolder), incident.id, { organizationId: orgs.seatHolder }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      // Any organization of the network may be asked, from anywhere.
      await requestStandby(deps, HENAN, incident.id, { organizationId: orgs.farSeat });
      await requestStandby(deps, HENAN, incident.id, { organizationId: orgs.outsider });
      await withdrawStandby(deps, HENAN, incident.id, orgs.outsider);
      await expect(withdrawStandby(deps, HENAN, incident.id, orgs.outsider)).rejects.toMatchObject({ code: 'not_found' });

      // The organization answers; another organization cannot answer for it; a member only reads.
      await expect(
        answerStandby(deps, orgAdmin(orgs.farSeat), incident.id, orgs.seatHolder, { answer: 'ready' }),
      ).rejects.toMatchObject({ code: 'out_of_scope' });
      await expect(
        answerStandby(deps, orgMember(orgs.seatHolder), incident.id, orgs.seatHolder, { answer: 'ready' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      const ready = await answerStandby(deps, orgAdmin(orgs.seatHolder), incident.id, orgs.seatHolder, {
        answer: 'ready',
        note: '30 分钟内可出发',
      });
      expect(ready).toMatchObject({ answer: 'ready', answerNote: '30 分钟内可出发', answeredBy: `admin-${orgs.seatHolder}` });

      const coordinatorView = await getStandbyRoster(deps, HENAN, incident.id);
      expect(coordinatorView.viewerCanManage).toBe(true);
      expect(coordinatorView.items.map((r) => [r.organizationId, r.answer])).toEqual([
        [orgs.seatHolder, 'ready'],
        [orgs.farSeat, 'pending'],
      ]);
      const ownView = await getStandbyRoster(deps, orgMember(orgs.seatHolder), incident.id);
      expect(ownView.items.map((r) => [r.organizationId, r.viewerCanAnswer])).toEqual([[orgs.seatHolder, false]]);
      expect((await getStandbyRoster(deps, orgAdmin(orgs.seatHolder), incident.id)).items[0]?.viewerCanAnswer).toBe(true);
      expect((await getStandbyRoster(deps, orgAdmin(orgs.agreementHolder), incident.id)).items).toEqual([]);
      expect((await getStandbyRoster(deps, OBSERVER, incident.id)).items).toHaveLength(2);

      await moveIncidentStage(deps, HENAN, incident.id, { to: 'response', reason: '启动响应' });
      await expect(requestStandby(deps, HENAN, incident.id, { organizationId: orgs.agreementHolder })).rejects.toMatchObject({
        code: 'roster_closed',
      });
      await expect(withdrawStandby(deps, HENAN, incident.id, orgs.farSeat)).rejects.toMatchObject({ code: 'roster_closed' });
      // Still visible, and still answerable, in the response.
      const unavailable = await answerStandby(deps, orgAdmin(orgs.farSeat), incident.id, orgs.farSeat, { answer: 'unavailable' });
      expect(unavailable.answer).toBe('unavailable');
      const later = await getStandbyRoster(deps, HENAN, incident.id);
      expect(later.viewerCanManage).toBe(false);
      expect(later.items.map((r) => r.answer)).toEqual(['ready', 'unavailable']);
    });
  });
});
