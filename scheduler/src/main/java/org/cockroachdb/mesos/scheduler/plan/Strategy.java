package org.cockroachdb.mesos.scheduler.plan;
public enum Strategy { SERIAL, PARALLEL }
