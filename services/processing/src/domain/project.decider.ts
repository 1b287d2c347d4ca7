import { v5 as uuidv5 } from 'uuid';
import type { Decider } from '@mi/eventstore';
import { DomainError, type ProjectEvent } from '@mi/contracts';
import { normalizeDescription, normalizeTitle } from './processing.decider';

/** Projects are folders of processings; every user has one default project, made on first use. */
export interface Project {
  exists: boolean;
  deleted: boolean;
  ownerId: string | null;
  isDefault: boolean;
  name: string;
  description: string | null;
}

interface OnProject {
  projectId: string;
  ownerId: string;
  now: Date;
}

export interface CreateProject extends OnProject {
  type: 'CreateProject';
  name: string;
  description: string | null;
}

export interface EnsureDefaultProject extends OnProject {
  type: 'EnsureDefaultProject';
}

export interface UpdateProject extends OnProject {
  type: 'UpdateProject';
  name: string;
  description: string | null;
}

export interface DeleteProject extends OnProject {
  type: 'DeleteProject';
}

export type ProjectCommand = CreateProject | EnsureDefaultProject | UpdateProject | DeleteProject;

export const DEFAULT_PROJECT_NAME = 'Default';

const DEFAULT_PROJECT_NAMESPACE = '5b0f6a52-3c55-4c1e-9a0e-6f1c2f1d7a10';

/** The same id for a user's default project in every replica, so making it twice is making it once. */
export function defaultProjectIdOf(ownerId: string): string {
  return uuidv5(ownerId, DEFAULT_PROJECT_NAMESPACE);
}

export class ProjectNotFound extends DomainError {
  constructor(projectId: string) {
    super('ProjectNotFound', { projectId }, `Project ${projectId} not found`);
  }
}

export class DefaultProjectUndeletable extends DomainError {
  constructor(projectId: string) {
    super('DefaultProjectUndeletable', { projectId }, 'The default project cannot be deleted');
  }
}

export class ProjectAlreadyExists extends DomainError {
  constructor(projectId: string) {
    super('ProjectAlreadyExists', { projectId }, `Project ${projectId} exists already`);
  }
}

function requireOwned(c: OnProject, state: Project): void {
  if (!state.exists || state.deleted || state.ownerId !== c.ownerId) throw new ProjectNotFound(c.projectId);
}

export const initialProject: Project = {
  exists: false,
  deleted: false,
  ownerId: null,
  isDefault: false,
  name: '',
  description: null,
};

function created(c: OnProject, name: string, description: string | null, isDefault: boolean): ProjectEvent[] {
  const data = {
    projectId: c.projectId,
    ownerId: c.ownerId,
    name,
    description,
    isDefault,
    createdAt: c.now.toISOString(),
  };
  return [{ type: 'processing.ProjectCreated', data }];
}

export function decide(command: ProjectCommand, state: Project): ProjectEvent[] {
  switch (command.type) {
    case 'CreateProject': {
      if (state.exists) throw new ProjectAlreadyExists(command.projectId);
      return created(command, normalizeTitle(command.name), normalizeDescription(command.description), false);
    }
    case 'EnsureDefaultProject': {
      if (command.projectId !== defaultProjectIdOf(command.ownerId)) throw new ProjectNotFound(command.projectId);
      return state.exists ? [] : created(command, DEFAULT_PROJECT_NAME, null, true);
    }
    case 'UpdateProject': {
      requireOwned(command, state);
      const name = normalizeTitle(command.name);
      const description = normalizeDescription(command.description);
      if (name === state.name && description === state.description) return [];
      const data = {
        projectId: command.projectId,
        ownerId: command.ownerId,
        name,
        description,
        updatedAt: command.now.toISOString(),
      };
      return [{ type: 'processing.ProjectUpdated', data }];
    }
    case 'DeleteProject': {
      requireOwned(command, state);
      if (state.isDefault) throw new DefaultProjectUndeletable(command.projectId);
      const data = { projectId: command.projectId, ownerId: command.ownerId, deletedAt: command.now.toISOString() };
      return [{ type: 'processing.ProjectDeleted', data }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String((unknown as { type: string }).type)}`);
    }
  }
}

export function evolve(state: Project, event: ProjectEvent): Project {
  switch (event.type) {
    case 'processing.ProjectCreated':
      return {
        exists: true,
        deleted: false,
        ownerId: event.data.ownerId,
        isDefault: event.data.isDefault,
        name: event.data.name,
        description: event.data.description,
      };
    case 'processing.ProjectUpdated':
      return { ...state, name: event.data.name, description: event.data.description };
    case 'processing.ProjectDeleted':
      return { ...state, deleted: true };
    default:
      return state;
  }
}

export const projectDecider: Decider<ProjectCommand, Project, ProjectEvent> = {
  decide,
  evolve,
  initialState: initialProject,
};
