// Keys of the workspace picker (the import's target); UPPER_SNAKE, placeholders are `{name}`.
const workspaces = {
  WORKSPACE_SELECT_PLACEHOLDER: 'Choose a workspace',
  WORKSPACES_LOADING: 'Loading the workspaces...',
  WORKSPACES_LOAD_FAILED: 'Could not load the workspaces',
  WORKSPACES_EMPTY:
    'You are not a member of any workspace: ask a workspace administrator to invite you, or import into the global App Store.',
  WORKSPACES_TYPE_NOTE:
    'KubeSphere does not let you list the workspaces: type the name of the workspace. It is checked before anything is imported.',
  WORKSPACE_NOT_LISTED:
    'Workspace {name} is not among the workspaces you can see: choose one of the list, or the import will be refused.',
};

export default workspaces;
