package com.example.myamazingapp.infra.pipeline;

import software.amazon.awscdk.services.codepipeline.IAction;

/**
 * One stage of the pipeline, as a construct named after its stage (the construct's id is the stage's name). Its
 * resources keep the logical ids they had when the stack created them directly (see {@link PipelineStack}).
 */
interface PipelineStep {

    /** The one action of the stage. */
    IAction action();
}
