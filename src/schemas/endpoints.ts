import { getNotifyConfig, setNotifyConfig } from './notify-configs.js';

/** Every implemented WeChat endpoint. Routes, SDK types and openapi.json are all derived from this list. */
export const endpoints = {
  setNotifyConfig,
  getNotifyConfig,
} as const;

export type Endpoints = typeof endpoints;
