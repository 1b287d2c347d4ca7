import { deciderSpec } from '@mi/testing';
import type { ProjectEvent } from '@mi/contracts';
import { BadRequest } from './processing.errors';
import {
  DEFAULT_PROJECT_NAME,
  DefaultProjectUndeletable,
  defaultProjectIdOf,
  ProjectAlreadyExists,
  ProjectNotFound,
  projectDecider,
} from './project.decider';

const given = deciderSpec(projectDecider);
const now = new Date('2026-12-06T10:00:00.000Z');
const at = now.toISOString();
const ownerId = 'alice@example.com';
const projectId = '0193a000-0000-7000-8000-0000000000bb';
const on = { projectId, ownerId, now };
const created: ProjectEvent = {
  type: 'processing.ProjectCreated',
  data: { projectId, ownerId, name: 'Roofs', description: null, isDefault: false, createdAt: at },
};

describe('Project decider', () => {
  it("makes a user's default project once, under an id every replica computes alike", () => {
    const id = defaultProjectIdOf(ownerId);
    expect(id).toBe(defaultProjectIdOf(ownerId));
    expect(id).not.toBe(defaultProjectIdOf('bob@example.com'));
    const ensure = { type: 'EnsureDefaultProject' as const, projectId: id, ownerId, now };
    const made: ProjectEvent = {
      type: 'processing.ProjectCreated',
      data: { projectId: id, ownerId, name: DEFAULT_PROJECT_NAME, description: null, isDefault: true, createdAt: at },
    };
    given().when(ensure).then([made]);
    given(made).when(ensure).then([]);
    // Nobody makes someone else's default project by naming its id.
    given()
      .when({ ...ensure, ownerId: 'bob@example.com' })
      .thenThrows(ProjectNotFound);
  });

  it('creates a project with a cleaned name, and refuses an empty one or an id taken', () => {
    given()
      .when({ type: 'CreateProject', ...on, name: ' Roofs\u0000 ', description: '' })
      .then([created]);
    given()
      .when({ type: 'CreateProject', ...on, name: '\u202e', description: null })
      .thenThrows(BadRequest, {
        field: 'name',
        reason: 'must not be empty',
      });
    given(created)
      .when({ type: 'CreateProject', ...on, name: 'Again', description: null })
      .thenThrows(ProjectAlreadyExists);
  });

  it('updates name and description, and changes nothing when nothing changes', () => {
    given(created)
      .when({ type: 'UpdateProject', ...on, name: 'Roads', description: 'east side' })
      .then([
        {
          type: 'processing.ProjectUpdated',
          data: { projectId, ownerId, name: 'Roads', description: 'east side', updatedAt: at },
        },
      ]);
    given(created)
      .when({ type: 'UpdateProject', ...on, name: 'Roofs', description: null })
      .then([]);
  });

  it('deletes a project, but never the default one', () => {
    given(created)
      .when({ type: 'DeleteProject', ...on })
      .then([{ type: 'processing.ProjectDeleted', data: { projectId, ownerId, deletedAt: at } }]);
    const id = defaultProjectIdOf(ownerId);
    const made: ProjectEvent = {
      type: 'processing.ProjectCreated',
      data: { projectId: id, ownerId, name: DEFAULT_PROJECT_NAME, description: null, isDefault: true, createdAt: at },
    };
    given(made).when({ type: 'DeleteProject', projectId: id, ownerId, now }).thenThrows(DefaultProjectUndeletable);
  });

  it("answers another user's project, and a deleted one, as not found", () => {
    const bob = { projectId, ownerId: 'bob@example.com', now };
    given(created)
      .when({ type: 'UpdateProject', ...bob, name: 'x', description: null })
      .thenThrows(ProjectNotFound, { projectId });
    given(created)
      .when({ type: 'DeleteProject', ...bob })
      .thenThrows(ProjectNotFound);
    const deleted: ProjectEvent = { type: 'processing.ProjectDeleted', data: { projectId, ownerId, deletedAt: at } };
    given(created, deleted)
      .when({ type: 'UpdateProject', ...on, name: 'x', description: null })
      .thenThrows(ProjectNotFound);
  });
});
