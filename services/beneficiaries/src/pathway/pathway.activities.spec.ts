import { createPathwayActivities, type PathwayActivityPorts } from './pathway.activities';
import type { RaiseTaskInput, StageChangeInput } from './pathway.types';

describe('pathway activities', () => {
  const change: StageChangeInput = { beneficiaryId: 'b1', siteCode: 'IT-RM', from: 'intake', to: 'assessment', on: '2026-01-20' };
  const task: RaiseTaskInput = { taskId: 't1', beneficiaryId: 'b1', siteCode: 'IT-RM', kind: 'assessment_overdue', dueOn: '2026-01-24', raisedOn: '2026-01-24' };

  it('hands each call to its port and returns nothing into the history, whatever the port reports', async () => {
    const ports: PathwayActivityPorts = { recordStageChange: jest.fn().mockResolvedValue('duplicate'), raiseTask: jest.fn().mockResolvedValue('recorded') };
    const activities = createPathwayActivities(ports);
    await expect(activities.recordStageChange(change)).resolves.toBeUndefined();
    await expect(activities.raiseTask(task)).resolves.toBeUndefined();
    expect(ports.recordStageChange).toHaveBeenCalledWith(change);
    expect(ports.raiseTask).toHaveBeenCalledWith(task);
  });

  it('lets a failure through, so Temporal retries the activity', async () => {
    const ports: PathwayActivityPorts = { recordStageChange: jest.fn().mockRejectedValue(new Error('db down')), raiseTask: jest.fn() };
    await expect(createPathwayActivities(ports).recordStageChange(change)).rejects.toThrow('db down');
  });
});
