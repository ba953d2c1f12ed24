package dev.escalation.notify.template;

import dev.escalation.core.notification.Notification;

/**
 * Finds the task attributes that a notification's templates may show, typically by loading the
 * task and its policy and calling {@link TemplateAttributes#of}, which hides sensitive values.
 */
@FunctionalInterface
public interface AttributeSource {

    /**
     * The attributes for one notification.
     *
     * @param notification the notification being rendered
     * @return its attributes, or {@link TemplateAttributes#none()}
     */
    TemplateAttributes attributesFor(Notification notification);

    /**
     * No attributes for any notification: the default.
     *
     * @return the source
     */
    static AttributeSource none() {
        return n -> TemplateAttributes.none();
    }
}
